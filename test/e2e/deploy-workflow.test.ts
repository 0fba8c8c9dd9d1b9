import { readFileSync } from "node:fs";
import { join } from "node:path";
import nock from "nock";
import { startTestRuntime, type TestRuntime } from "../helpers/test-runtime";
import { API, apiFixture, recordCalls } from "../helpers/github-api";
import * as github from "../helpers/preview-api";
import { deploymentStatusPayload } from "../helpers/webhook-fixtures";

const { OWNER, REPO, SHA } = github;
const CONFIG = "environments:\n  fly:\n    deployer: workflow\n    permission: write\n";
const FLY_DEPLOYMENT = 1782051234;
const COMMAND_ID = 9101;

function commandPayload(): string {
  const payload = JSON.parse(readFileSync(join(__dirname, "..", "..", "fixtures", "webhooks", "issue_comment.created.json"), "utf8")) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  payload.repository.owner.login = OWNER;
  payload.repository.name = REPO;
  payload.repository.full_name = `${OWNER}/${REPO}`;
  payload.issue.number = 12;
  payload.issue.pull_request = { url: `https://api.github.com/repos/${OWNER}/${REPO}/pulls/12` };
  payload.comment.id = COMMAND_ID;
  payload.comment.body = "/deploy fly";
  payload.comment.user.login = "octocat";
  payload.comment.created_at = new Date().toISOString();
  return JSON.stringify(payload);
}

// deployer: workflow end to end on the local runtime: `/deploy fly` creates the Deployment for
// the repository's workflow; the workflow's deployment_status delivery reaches the table and the command.
describe("an environment deployed by the repository's workflow, end to end", () => {
  let e2e: TestRuntime;

  beforeAll(async () => {
    e2e = await startTestRuntime();
  });
  afterAll(() => e2e.close());

  it("hands /deploy fly to the workflow, then follows its success status into the table and a 🚀", async () => {
    const asked = nock(API).post("/app/installations/1/access_tokens").reply(201, { token: "ghs_e2etoken", expires_at: "2099-01-01T00:00:00Z" });
    asked.get(`/repos/${OWNER}/${REPO}/contents/.github%2Fslipway.yml`).reply(200, CONFIG, { "Content-Type": "text/plain; charset=utf-8" });
    asked.get(`/repos/${OWNER}/${REPO}/collaborators/octocat/permission`).reply(200, apiFixture("collaborator-permission"));
    asked.get(`/repos/${OWNER}/${REPO}/pulls/12`).reply(200, { ...apiFixture<{ head: Record<string, unknown> }>("pull-request"), state: "open", head: { ...apiFixture<{ head: Record<string, unknown> }>("pull-request").head, sha: SHA } });
    asked.post(`/repos/${OWNER}/${REPO}/deployments`).reply(201, { ...apiFixture("deployment"), id: FLY_DEPLOYMENT, sha: SHA, ref: SHA, environment: "fly" });
    asked.post(`/repos/${OWNER}/${REPO}/issues/comments/${COMMAND_ID}/reactions`, { content: "eyes" }).reply(201, apiFixture("reaction"));
    github.mockCommentCreated(asked, 12);
    const handOff = recordCalls(asked);

    expect((await e2e.deliver("issue_comment", commandPayload())).status).toBe(200);
    await e2e.runtime.drain();
    asked.done();

    // The workflow reads what Slipway wrote in the payload; its status comes back with it.
    const created = handOff.bodies.find((entry) => entry.call === `POST /repos/${OWNER}/${REPO}/deployments`)?.body;
    expect(created).toMatchObject({ environment: "fly", ref: SHA, payload: { action: "deploy", trigger: "/deploy fly", comment_id: COMMAND_ID } });
    const status = deploymentStatusPayload();
    status.deployment.payload = created?.payload as Record<string, unknown>;

    const followed = nock(API);
    github.mockCommentCreated(followed, 12);
    followed.post(`/repos/${OWNER}/${REPO}/issues/comments/${COMMAND_ID}/reactions`, { content: "rocket" }).reply(201, apiFixture("reaction"));
    const report = recordCalls(followed);

    expect((await e2e.deliver("deployment_status", JSON.stringify(status))).status).toBe(200);
    await e2e.runtime.drain();

    followed.done();
    expect(String(report.bodies[0]?.body.body)).toContain("| fly | ✅ Ready | [Open](https://acme-web.fly.dev) | `6dcb09b` |");
  });
});
