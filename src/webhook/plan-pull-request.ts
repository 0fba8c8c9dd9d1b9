import type { PullRequestEvent } from "@octokit/webhooks-types";
import { EMPTY_PLAN, type Plan } from "./plan";
import { repoRef } from "./repo-ref";

const BUILD_ACTIONS = new Set(["opened", "reopened", "synchronize"]);

/**
 * Turns a `pull_request` event into jobs: a preview build for a new head commit, a teardown
 * when the pull request closes. Pure: it reads only the payload.
 */
export function planPullRequest(payload: PullRequestEvent): Plan {
  const repository = repoRef(payload);
  if (!repository) return EMPTY_PLAN;

  const pull = payload.pull_request;
  const eventAt = new Date(pull.updated_at).toISOString();
  const pullRequest = {
    owner: repository.owner,
    repo: repository.repo,
    pullNumber: pull.number,
    headSha: pull.head.sha,
    state: payload.action === "closed" ? ("closed" as const) : ("open" as const),
    eventAt,
  };

  if (payload.action === "closed") {
    return {
      pullRequest,
      jobs: [{ kind: "teardown", repository, pullNumber: pull.number, reason: "closed", actor: payload.sender.login, eventAt }],
    };
  }
  if (!BUILD_ACTIONS.has(payload.action)) return EMPTY_PLAN;

  // A deleted fork has no head repository; it cannot be trusted like the base either.
  const fork = pull.head.repo === null || pull.head.repo.id !== payload.repository.id;
  return {
    pullRequest,
    jobs: [
      { kind: "preview", repository, pullNumber: pull.number, headSha: pull.head.sha, headRef: pull.head.ref, fork, actor: payload.sender.login, eventAt },
    ],
  };
}
