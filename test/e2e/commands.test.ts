import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import nock from "nock";
import type { LocalRuntime } from "../../src/local/start-local";
import { startTestRuntime, type TestRuntime } from "../helpers/test-runtime";
import { tar } from "../providers/static/tarball";
import { API, apiFixture, recordCalls } from "../helpers/github-api";
import * as github from "../helpers/preview-api";

const { OWNER, REPO } = github;
const V1 = github.SHA;
const V2 = "2222222222222222222222222222222222222222";
const V3 = "3333333333333333333333333333333333333333";
const CONFIG = "environments:\n  staging: {}\n  production:\n    branch: main\n    permission: maintain\n";
const raw = { "Content-Type": "text/plain; charset=utf-8" };

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(__dirname, "..", "..", "fixtures", "webhooks", `${name}.json`), "utf8")) as Record<string, unknown>;
}

/** Recorded payloads, moved to the repository the GitHub mocks serve. */
function onRepository<T extends Record<string, unknown>>(payload: T): T {
  const repository = payload.repository as { owner: { login: string }; name: string; full_name: string };
  repository.owner.login = OWNER;
  repository.name = REPO;
  repository.full_name = `${OWNER}/${REPO}`;
  return payload;
}

let commentId = 9000;
function commentPayload(body: string): string {
  const payload = onRepository(fixture("issue_comment.created")) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  payload.issue.number = 12;
  payload.issue.pull_request = { url: `https://api.github.com/repos/${OWNER}/${REPO}/pulls/12` };
  payload.comment.id = ++commentId;
  payload.comment.body = body;
  payload.comment.user.login = "octocat";
  payload.comment.created_at = new Date().toISOString();
  return JSON.stringify(payload);
}

function pushPayload(sha: string, pushedAt: number): string {
  const payload = onRepository(fixture("push")) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  payload.ref = "refs/heads/main";
  payload.after = sha;
  payload.head_commit.id = sha;
  payload.head_commit.message = "Ship it";
  payload.repository.pushed_at = pushedAt;
  return JSON.stringify(payload);
}

async function site(text: string, sha: string): Promise<Buffer> {
  return gzipSync(await tar([{ name: `${OWNER}-${REPO}-${sha.slice(0, 7)}/public/index.html`, body: text }]));
}

/** What a command costs on GitHub before and after its own work: reactions, config, permission, reply. */
function mockCommandFrame(scope: nock.Scope, sticky: "new" | "recorded"): void {
  scope.post(/\/repos\/acme\/web\/issues\/comments\/\d+\/reactions/).times(2).reply(201, apiFixture("reaction"));
  scope.get(`/repos/${OWNER}/${REPO}/contents/.github%2Fslipway.yml`).reply(200, CONFIG, raw);
  scope.get(`/repos/${OWNER}/${REPO}/collaborators/octocat/permission`).reply(200, apiFixture("collaborator-permission"));
  github.mockCommentCreated(scope, 12);
  if (sticky === "new") github.mockCommentCreated(scope, 12);
  else github.mockCommentUpdated(scope);
}

/** A deploy's Deployment: created, then straight to `success` (a quick build is not reported in progress). */
function mockDeploy(scope: nock.Scope, environment: string, sha: string): void {
  github.mockDeploymentCreated(scope, environment, sha);
  github.mockDeploymentStatuses(scope, 1);
}

// Comment-driven deploys end to end on the local runtime: `/deploy staging`, a push to main
// that deploys production, another push, then `/rollback production`, checking what the
// site server serves after each step.
describe("slash commands and push-to-deploy, end to end", () => {
  let e2e: TestRuntime;
  let runtime: LocalRuntime;
  let siteBase: string;

  beforeAll(async () => {
    e2e = await startTestRuntime();
    ({ runtime, siteBase } = e2e);
  });
  afterAll(() => e2e.close());

  async function deliver(event: string, body: string): Promise<void> {
    const response = await e2e.deliver(event, body);
    expect(response.status).toBe(200);
    await runtime.drain();
  }
  const serves = async (environment: string) => (await fetch(`${siteBase}/${OWNER}/${REPO}/${environment}/`)).text();

  it("deploys staging from /deploy, production from pushes, and rolls production back", async () => {
    // 1. /deploy staging: the pull request's head, V1.
    const deploy = nock(API).post("/app/installations/1/access_tokens").reply(201, { token: "ghs_e2e", expires_at: "2099-01-01T00:00:00Z" });
    mockCommandFrame(deploy, "new");
    deploy.get(`/repos/${OWNER}/${REPO}/pulls/12`).reply(200, apiFixture("pull-request"));
    mockDeploy(deploy, "staging", V1);
    github.mockTarball(deploy, await site("v1", V1), V1);
    const deployCalls = recordCalls(deploy);
    await deliver("issue_comment", commentPayload("/deploy staging"));
    deploy.done();
    // GitHub API calls of one /deploy, the installation token exchange included.
    expect(deployCalls.calls).toHaveLength(11);
    expect(await serves("staging")).toBe("v1");

    // 2. and 3. Two pushes to main deploy production.
    // GitHub stamps pushes in whole seconds; these two happened a minute and half a minute ago.
    const now = Math.floor(Date.now() / 1000);
    for (const [sha, text, pushedAt] of [[V2, "v2", now - 60], [V3, "v3", now - 30]] as const) {
      const push = nock(API);
      push.get(`/repos/${OWNER}/${REPO}/contents/.github%2Fslipway.yml`).query({ ref: sha }).reply(200, CONFIG, raw);
      mockDeploy(push, "production", sha);
      github.mockTarball(push, await site(text, sha), sha);
      github.mockCheckRunCreated(push, "Slipway / deploy", sha);
      await deliver("push", pushPayload(sha, pushedAt));
      push.done();
      expect(await serves("production")).toBe(text);
    }

    // 4. /rollback production: back to V2's stored build, nothing downloaded.
    const rollback = nock(API);
    mockCommandFrame(rollback, "recorded");
    // The stored build goes live first; then the rollback's own Deployment, straight as `success`.
    mockDeploy(rollback, "production", V2);
    const rollbackCalls = recordCalls(rollback);
    await deliver("issue_comment", commentPayload("/rollback production"));
    rollback.done();
    expect(rollbackCalls.calls.some((call) => call.includes("/tarball/"))).toBe(false);
    expect(await serves("production")).toBe("v2");
    expect(await serves("staging")).toBe("v1");

    const audit = await runtime.storage.stores.audit.list(OWNER, REPO);
    expect(audit.map((entry) => `${entry.action} ${entry.environment} ${entry.sha?.slice(0, 7)} ${entry.result}`)).toEqual([
      "deploy staging 6dcb09b success",
      "deploy production 2222222 success",
      "deploy production 3333333 success",
      "rollback production 2222222 success",
    ]);
  });
});
