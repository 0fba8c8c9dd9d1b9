import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { IssueCommentCreatedEvent, PullRequestEvent, PushEvent } from "@octokit/webhooks-types";
import type { Commit, IssueComment, PullRequest, Repository } from "../stand-in/model";

// Deliveries are the recorded payloads of fixtures/webhooks with the fields that vary set from
// the stand-in's state, so the payload and what the API answers agree, as on GitHub.

const fixtures = new Map<string, string>();

/** A fresh copy of a recorded payload (read once). */
function fixture<T>(name: string): T {
  let text = fixtures.get(name);
  if (text === undefined) {
    text = readFileSync(join(__dirname, "..", "..", "fixtures", "webhooks", `${name}.json`), "utf8");
    fixtures.set(name, text);
  }
  return JSON.parse(text) as T;
}

interface RepositoryPayload {
  repository: { id: number; name: string; full_name: string; owner: { login: string }; default_branch: string; html_url: string };
  installation?: { id: number };
}

function moveRepository(payload: RepositoryPayload, repository: Repository): void {
  payload.repository.id = repository.id;
  payload.repository.name = repository.name;
  payload.repository.full_name = `${repository.owner}/${repository.name}`;
  payload.repository.owner.login = repository.owner;
  payload.repository.default_branch = repository.defaultBranch;
  payload.repository.html_url = `https://github.com/${repository.owner}/${repository.name}`;
  if (payload.installation) payload.installation.id = repository.installationId;
}

/** `pull_request` with `action` for the pull request as the stand-in holds it now. */
export function pullRequestPayload(repository: Repository, pull: PullRequest, action: "opened" | "synchronize", before?: string): PullRequestEvent {
  const payload = fixture<PullRequestEvent>(`pull_request.${action}`);
  moveRepository(payload, repository);
  const event = payload.pull_request;
  event.number = pull.number;
  event.state = pull.state;
  event.updated_at = pull.updatedAt;
  event.html_url = `https://github.com/${repository.owner}/${repository.name}/pull/${pull.number}`;
  event.head.sha = pull.headSha;
  event.head.ref = pull.headRef;
  event.head.label = `${repository.owner}:${pull.headRef}`;
  event.base.ref = pull.baseRef;
  for (const side of [event.head, event.base]) {
    if (!side.repo) continue;
    side.repo.id = repository.id;
    side.repo.name = repository.name;
    side.repo.full_name = `${repository.owner}/${repository.name}`;
    side.repo.owner.login = repository.owner;
  }
  event.user.login = pull.user;
  payload.sender.login = pull.user;
  if (payload.action === "synchronize") {
    payload.before = before ?? payload.before;
    payload.after = pull.headSha;
  }
  return payload;
}

/** `issue_comment.created` for a person's comment on a pull request. */
export function issueCommentPayload(repository: Repository, comment: IssueComment): IssueCommentCreatedEvent {
  const payload = fixture<IssueCommentCreatedEvent>("issue_comment.created");
  moveRepository(payload, repository);
  const html = `https://github.com/${repository.owner}/${repository.name}/pull/${comment.issueNumber}`;
  payload.issue.number = comment.issueNumber;
  payload.issue.html_url = html;
  payload.issue.pull_request = { url: `https://api.github.com/repos/${repository.owner}/${repository.name}/pulls/${comment.issueNumber}`, html_url: html, diff_url: `${html}.diff`, patch_url: `${html}.patch`, merged_at: null };
  payload.comment.id = comment.id;
  payload.comment.body = comment.body;
  payload.comment.html_url = `${html}#issuecomment-${comment.id}`;
  payload.comment.created_at = comment.createdAt;
  payload.comment.updated_at = comment.updatedAt;
  payload.comment.user.login = comment.user.login;
  payload.comment.user.type = comment.user.type;
  payload.sender.login = comment.user.login;
  return payload;
}

/** `push` of `commit` to `branch`, pushed at `pushedAt` (GitHub's whole seconds). */
export function pushPayload(repository: Repository, branch: string, commit: Commit, before: string, pusher: string, pushedAt: number): PushEvent {
  const payload = fixture<PushEvent>("push");
  moveRepository(payload, repository);
  payload.ref = `refs/heads/${branch}`;
  payload.before = before;
  payload.after = commit.sha;
  payload.created = false;
  payload.compare = `https://github.com/${repository.owner}/${repository.name}/compare/${before.slice(0, 12)}...${commit.sha.slice(0, 12)}`;
  payload.repository.pushed_at = Math.floor(pushedAt / 1000);
  payload.pusher.name = pusher;
  if (payload.sender) payload.sender.login = pusher;
  const head = { ...payload.commits[0], id: commit.sha, message: commit.message, timestamp: commit.at, url: `https://github.com/${repository.owner}/${repository.name}/commit/${commit.sha}` } as PushEvent["commits"][number];
  payload.commits = [head];
  payload.head_commit = head;
  return payload;
}
