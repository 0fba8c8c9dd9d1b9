import type nock from "nock";
import type { Permission } from "../../src/github/get-permission";
import { stickyMarker } from "../../src/github/upsert-sticky-comment";
import { apiFixture } from "./github-api";
import { OWNER, REPO } from "./preview-api";

/** The pull request of pull-request.json and pull-request-fork.json. */
export const PULL_NUMBER = 12;
/** The person's comment that carries the command. */
export const COMMAND_COMMENT_ID = 2326620007;
/** Slipway's reply to it (the sticky comment of the pull request is preview-api's COMMENT_ID). */
export const REPLY_ID = 2326699001;

/** The `body` field of a comment request, as nock hands it over (parsed JSON or its text). */
function sentBody(body: unknown): string {
  const parsed = typeof body === "string" ? (JSON.parse(body) as unknown) : body;
  return String((parsed as { body?: unknown }).body);
}

const repoPath = `/repos/${OWNER}/${REPO}`;

/** The legacy `permission` field GitHub sends next to `role_name`. */
const LEGACY: Record<Permission, string> = { none: "none", read: "read", triage: "read", write: "write", maintain: "write", admin: "admin" };

/** A reaction of the app on the command comment; `existing` is GitHub's 200 for one already there. */
export function mockReaction(scope: nock.Scope, content: "eyes" | "rocket" | "confused", options: { existing?: boolean; commentId?: number } = {}): nock.Scope {
  const { existing = false, commentId = COMMAND_COMMENT_ID } = options;
  return scope
    .post(`${repoPath}/issues/comments/${commentId}/reactions`, { content })
    .reply(existing ? 200 : 201, { ...apiFixture("reaction"), content });
}

/** The collaborator permission API's answer for `username`, with `role` as its `role_name`. */
export function mockPermission(scope: nock.Scope, username: string, role: Permission): nock.Scope {
  const fixture = apiFixture<{ user: Record<string, unknown> }>("collaborator-permission");
  return scope
    .get(`${repoPath}/collaborators/${username}/permission`)
    .reply(200, { ...fixture, permission: LEGACY[role], role_name: role, user: { ...fixture.user, login: username, role_name: role } });
}

/** The pull request as GitHub has it now, at head `sha`. */
export function mockPullRequest(scope: nock.Scope, sha: string, options: { fork?: boolean; state?: "open" | "closed" } = {}): nock.Scope {
  const fixture = apiFixture<{ head: Record<string, unknown> }>(options.fork ? "pull-request-fork" : "pull-request");
  return scope
    .get(`${repoPath}/pulls/${PULL_NUMBER}`)
    .reply(200, { ...fixture, state: options.state ?? "open", head: { ...fixture.head, sha } });
}

export interface GateRun {
  name: string;
  status?: "queued" | "in_progress" | "completed";
  conclusion?: string | null;
}

/** The check runs (latest of each name) and the combined status of a commit, for `require_checks`. */
export function mockCommitGate(scope: nock.Scope, sha: string, runs: GateRun[]): nock.Scope {
  const [template] = apiFixture<{ check_runs: Array<Record<string, unknown>> }>("check-runs-for-ref").check_runs;
  const checkRuns = runs.map((run, index) => ({
    ...template,
    id: 29573101000 + index,
    name: run.name,
    head_sha: sha,
    status: run.status ?? "completed",
    conclusion: run.conclusion === undefined ? "success" : run.conclusion,
  }));
  return scope
    .get(`${repoPath}/commits/${sha}/check-runs`)
    .query({ filter: "latest", per_page: "100" })
    .reply(200, { total_count: checkRuns.length, check_runs: checkRuns })
    .get(`${repoPath}/commits/${sha}/status`)
    .query({ per_page: "100" })
    .reply(200, { ...apiFixture("combined-status"), sha });
}

/** The hidden marker of the reply to the command comment `commentId`. */
export function replyMarker(commentId = COMMAND_COMMENT_ID): string {
  return stickyMarker(`reply:${commentId}`);
}

/** A comment of the app on the pull request, as the list comments API returns it. */
export function botComment(id: number, body: string): Record<string, unknown> {
  return { ...apiFixture("issue-comment"), id, body, html_url: `https://github.com/${OWNER}/${REPO}/pull/${PULL_NUMBER}#issuecomment-${id}` };
}

/** A comment is posted on the pull request: Slipway has none recorded for it, so it lists nothing first. */
export function mockCommentPosted(scope: nock.Scope, id: number): nock.Scope {
  return scope.post(`${repoPath}/issues/${PULL_NUMBER}/comments`).reply(201, (_uri, body) => botComment(id, sentBody(body)));
}

/** The comment Slipway recorded as `id` is edited in place, without listing. */
export function mockCommentEdited(scope: nock.Scope, id: number): nock.Scope {
  return scope.patch(`${repoPath}/issues/comments/${id}`).reply(200, (_uri, body) => botComment(id, sentBody(body)));
}

/** A Deployment of `sha` to `environment` is created with id `deploymentId` (none is recorded for this job). */
export function mockDeploymentCreatedAs(scope: nock.Scope, environment: string, sha: string, deploymentId: number): nock.Scope {
  return scope
    .post(`${repoPath}/deployments`, (body: { ref?: string; environment?: string }) => body.ref === sha && body.environment === environment)
    .reply(201, { ...apiFixture("deployment"), id: deploymentId, sha, ref: sha, environment, original_environment: environment });
}

/**
 * The one status of a deploy whose build is stored: the pointer moves before GitHub hears of
 * it, so the Deployment goes straight to `success`, with no `queued` or `in_progress`.
 */
export function mockStoredBuildStatuses(scope: nock.Scope, deploymentId: number): nock.Scope {
  return scope.post(`${repoPath}/deployments/${deploymentId}/statuses`, (body: { state?: string }) => body.state === "success").reply(201, apiFixture("deployment-status"));
}
