import nock from "nock";
import { parseEnv } from "../../src/config/env";
import { WriteBudgetDeferredError } from "../../src/github/write-budget-deferred-error";
import { createProbot, installationOctokit, installationOctokitWithBudget, WriteBudgetOctokit } from "../../src/runtime/github-app";
import { embeddedStores } from "../helpers/embedded-stores";
import { API, apiFixture } from "../helpers/github-api";
import { TEST_APP_ID, testPrivateKey } from "../helpers/test-probot";
import { WEBHOOK_SECRET } from "../helpers/webhook-fixtures";

const env = parseEnv({ APP_ID: String(TEST_APP_ID), PRIVATE_KEY: testPrivateKey(), WEBHOOK_SECRET, LOG_LEVEL: "fatal" });
// Production's client for the budget, with only the retry plugin's base delay shortened.
const QuickRetryOctokit = WriteBudgetOctokit.defaults((options: Record<string, unknown>) => ({ ...options, retry: { retryAfterBaseValue: 5 } }));
const comment = { owner: "acme", repo: "web", issue_number: 1, body: "Preview ready" };

describe("installation clients under the write budget", () => {
  let dynamo: Awaited<ReturnType<typeof embeddedStores>>;
  beforeAll(async () => {
    dynamo = await embeddedStores();
  });
  afterAll(() => dynamo.close());

  it("takes each installation's writes from its own budget, shared with other workers, and not the token exchange", async () => {
    const budget = dynamo.connect({ writeBudget: { perMinute: 1 } }).writeBudget;
    const otherWorker = dynamo.connect({ writeBudget: { perMinute: 1 } }).writeBudget;
    const github = installationOctokitWithBudget(createProbot(env, { Octokit: QuickRetryOctokit }), budget, { maxWaitMs: 3000 });
    const scope = nock(API)
      .post("/app/installations/11/access_tokens")
      .reply(201, { token: "ghs_11", expires_at: "2099-01-01T00:00:00Z" })
      .post("/repos/acme/web/issues/1/comments")
      .reply(201, apiFixture("issue-comment"))
      .post("/app/installations/12/access_tokens")
      .reply(201, { token: "ghs_12", expires_at: "2099-01-01T00:00:00Z" })
      .post("/repos/acme/web/issues/1/comments")
      .reply(201, apiFixture("issue-comment"));

    await (await github(11)).rest.issues.createComment(comment);
    await expect((await github(11)).rest.issues.createComment(comment)).rejects.toThrow(WriteBudgetDeferredError);
    await (await github(12)).rest.issues.createComment(comment);
    expect(await otherWorker.take(11, new Date())).toMatchObject({ go: false, reason: "per-minute" });
    scope.done();
  });

  it("leaves a 429 to the budget: no throttling wait, no retry, the installation paused", async () => {
    const budget = dynamo.connect().writeBudget;
    const github = installationOctokitWithBudget(createProbot(env, { Octokit: QuickRetryOctokit }), budget, { maxWaitMs: 3000 });
    const scope = nock(API)
      .post("/app/installations/13/access_tokens")
      .reply(201, { token: "ghs_13", expires_at: "2099-01-01T00:00:00Z" })
      .post("/repos/acme/web/issues/1/comments")
      .reply(429, { message: "Too Many Requests" }, { "retry-after": "30" });

    const started = Date.now();
    await expect((await github(13)).rest.issues.createComment(comment)).rejects.toThrow(WriteBudgetDeferredError);
    // Probot's throttling would first have waited the 30 s GitHub named.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await budget.take(13, new Date())).toMatchObject({ go: false, reason: "paused" });
    scope.done();
  });

  it("still retries GitHub's 5xx answers", async () => {
    const budget = dynamo.connect().writeBudget;
    const github = installationOctokitWithBudget(createProbot(env, { Octokit: QuickRetryOctokit }), budget, { maxWaitMs: 3000 });
    const scope = nock(API)
      .post("/app/installations/14/access_tokens")
      .reply(201, { token: "ghs_14", expires_at: "2099-01-01T00:00:00Z" })
      .get("/repos/acme/web/pulls/1")
      .reply(502, { message: "Server Error" })
      .get("/repos/acme/web/pulls/1")
      .reply(200, apiFixture("pull-request"));

    const { data } = await (await github(14)).rest.pulls.get({ owner: "acme", repo: "web", pull_number: 1 });
    expect(data.number).toBe(apiFixture<{ number: number }>("pull-request").number);
    scope.done();
  });

  it("keeps installationOctokit as it was: no budget", async () => {
    const scope = nock(API)
      .post("/app/installations/15/access_tokens")
      .reply(201, { token: "ghs_15", expires_at: "2099-01-01T00:00:00Z" })
      .post("/repos/acme/web/issues/1/comments")
      .times(2)
      .reply(201, apiFixture("issue-comment"));
    const octokit = await installationOctokit(createProbot(env, { Octokit: QuickRetryOctokit }))(15);
    await octokit.rest.issues.createComment(comment);
    await octokit.rest.issues.createComment(comment);
    scope.done();
  });
});
