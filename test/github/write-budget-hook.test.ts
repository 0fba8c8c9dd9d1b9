import nock from "nock";
import { applyWriteBudget } from "../../src/github/write-budget-hook";
import { WriteBudgetDeferredError } from "../../src/github/write-budget-deferred-error";
import type { StoreOptions } from "../../src/store/dynamo/create-stores";
import type { WriteBudgetStore } from "../../src/store/stores";
import { embeddedStores } from "../helpers/embedded-stores";
import { API, apiFixture } from "../helpers/github-api";
import { testProbot } from "../helpers/test-probot";
import { testOctokit } from "./test-octokit";

const T0 = new Date("2024-05-01T10:00:00.000Z");
const SECONDARY_LIMIT = {
  message:
    "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0400:1B2C:3D4E:5F60:66321A2B.",
  documentation_url: "https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
};

/** A clock that moves only when the hook sleeps (or the test says), so waits are exact and instant. */
function fakeClock() {
  let time = T0.getTime();
  const slept: number[] = [];
  return {
    now: () => new Date(time),
    sleep: async (ms: number) => {
      slept.push(ms);
      time += ms;
    },
    slept,
  };
}

describe("the write budget hook (real Octokit, budget on the embedded server)", () => {
  let dynamo: Awaited<ReturnType<typeof embeddedStores>>;
  let installationId = 100;

  beforeAll(async () => {
    dynamo = await embeddedStores();
  });
  afterAll(() => dynamo.close());

  /** A fresh installation's client under its budget, and a second worker's view of that budget. */
  function setup(limits: StoreOptions["writeBudget"] = {}) {
    installationId += 1;
    const clock = fakeClock();
    const store = dynamo.connect({ writeBudget: limits }).writeBudget;
    const otherWorker: WriteBudgetStore = dynamo.connect({ writeBudget: limits }).writeBudget;
    const octokit = testOctokit();
    applyWriteBudget(octokit, { installationId, store, now: clock.now, sleep: clock.sleep });
    return { octokit, clock, store, otherWorker, id: installationId };
  }

  const comment = { owner: "acme", repo: "web", issue_number: 1, body: "Preview ready" };

  it("takes from the budget for POST, PATCH, PUT and DELETE, and defers the write past the limit without sending it", async () => {
    const { octokit, clock, id } = setup({ perMinute: 4 });
    const scope = nock(API)
      .post("/repos/acme/web/issues/1/comments")
      .reply(201, apiFixture("issue-comment"))
      .patch("/repos/acme/web/issues/comments/1")
      .reply(200, apiFixture("issue-comment"))
      .put("/repos/acme/web/issues/1/labels")
      .reply(200, [])
      .delete("/repos/acme/web/issues/comments/1/reactions/5")
      .reply(204);

    await octokit.rest.issues.createComment(comment);
    await octokit.rest.issues.updateComment({ owner: "acme", repo: "web", comment_id: 1, body: "Preview updated" });
    await octokit.rest.issues.setLabels({ owner: "acme", repo: "web", issue_number: 1, labels: [] });
    await octokit.rest.reactions.deleteForIssueComment({ owner: "acme", repo: "web", comment_id: 1, reaction_id: 5 });
    const fifth = octokit.rest.issues.createComment(comment);

    await expect(fifth).rejects.toThrow(WriteBudgetDeferredError);
    const error = (await fifth.catch((caught: unknown) => caught)) as WriteBudgetDeferredError;
    expect(error).toMatchObject({ installationId: id, retryAt: new Date(T0.getTime() + 63_000), reason: "the per-minute write limit is spent" });
    expect(error.delaySeconds(clock.now())).toBe(63);
    expect(clock.slept).toEqual([]);
    scope.done();
  });

  it("does not take from the budget for reads", async () => {
    const { octokit } = setup({ perMinute: 1 });
    const scope = nock(API)
      .get("/repos/acme/web/pulls/1")
      .times(3)
      .reply(200, apiFixture("pull-request"))
      .post("/repos/acme/web/issues/1/comments")
      .reply(201, apiFixture("issue-comment"));

    for (let read = 0; read < 3; read += 1) await octokit.rest.pulls.get({ owner: "acme", repo: "web", pull_number: 1 });
    await octokit.rest.issues.createComment(comment);
    scope.done();
  });

  it("sleeps a short wait for a concurrency slot, then writes", async () => {
    const { octokit, clock, store, id } = setup({ concurrent: 1, leaseMs: 2000 });
    // Another worker's write is in flight and never gives its slot back (it crashed).
    expect(await store.take(id, T0)).toMatchObject({ go: true });
    const scope = nock(API).post("/repos/acme/web/issues/1/comments").reply(201, apiFixture("issue-comment"));

    await octokit.rest.issues.createComment(comment);

    expect(clock.slept.reduce((sum, ms) => sum + ms, 0)).toBe(2000);
    expect(Math.max(...clock.slept)).toBeLessThanOrEqual(250);
    scope.done();
  });

  it("gives a write's concurrency slot back when it is answered, even with an error", async () => {
    const { octokit, clock } = setup({ concurrent: 1 });
    const scope = nock(API)
      .post("/repos/acme/web/issues/1/comments")
      .reply(422, { message: "Validation Failed", errors: [{ resource: "IssueComment", code: "missing_field", field: "body" }] })
      .post("/repos/acme/web/issues/1/comments")
      .reply(201, apiFixture("issue-comment"));

    await expect(octokit.rest.issues.createComment(comment)).rejects.toMatchObject({ status: 422 });
    await octokit.rest.issues.createComment(comment);

    expect(clock.slept).toEqual([]);
    scope.done();
  });

  it("pauses the installation's budget for every worker on a secondary rate limit, until retry-after", async () => {
    const { octokit, otherWorker, id } = setup();
    const scope = nock(API).post("/repos/acme/web/issues/1/comments").reply(403, SECONDARY_LIMIT, { "retry-after": "120" });

    await expect(octokit.rest.issues.createComment(comment)).rejects.toMatchObject({
      name: "WriteBudgetDeferredError",
      retryAt: new Date(T0.getTime() + 120_000),
    });

    expect(await otherWorker.take(id, new Date(T0.getTime() + 60_000))).toEqual({
      go: false,
      reason: "paused",
      retryAt: new Date(T0.getTime() + 120_000),
      pauseReason: "GitHub answered 403 with retry-after: 120",
    });
    expect(await otherWorker.take(id, new Date(T0.getTime() + 120_000))).toMatchObject({ go: true });
    scope.done();
  });

  it("pauses for a minute on a secondary-limit message that names no time, and on a bare 429", async () => {
    const first = setup();
    const second = setup();
    const scope = nock(API)
      .post("/repos/acme/web/issues/1/comments")
      .reply(403, SECONDARY_LIMIT)
      .post("/repos/acme/web/issues/1/comments")
      .reply(429, { message: "Too Many Requests" });

    await expect(first.octokit.rest.issues.createComment(comment)).rejects.toMatchObject({ retryAt: new Date(T0.getTime() + 60_000) });
    await expect(second.octokit.rest.issues.createComment(comment)).rejects.toMatchObject({ retryAt: new Date(T0.getTime() + 60_000) });
    expect(await first.otherWorker.take(first.id, new Date(T0.getTime() + 59_000))).toMatchObject({ go: false, reason: "paused" });
    expect(await second.otherWorker.take(second.id, new Date(T0.getTime() + 59_000))).toMatchObject({ go: false, reason: "paused" });
    scope.done();
  });

  it("pauses the budget until the quota resets when a read finds the primary limit used up", async () => {
    const { octokit, otherWorker, id } = setup();
    const reset = Math.floor(T0.getTime() / 1000) + 1800;
    const scope = nock(API)
      .get("/repos/acme/web/pulls/1")
      .reply(
        403,
        { message: `API rate limit exceeded for installation ID ${id}.`, documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api" },
        { "x-ratelimit-limit": "5000", "x-ratelimit-remaining": "0", "x-ratelimit-used": "5000", "x-ratelimit-reset": String(reset) },
      );

    await expect(octokit.rest.pulls.get({ owner: "acme", repo: "web", pull_number: 1 })).rejects.toMatchObject({
      name: "WriteBudgetDeferredError",
      retryAt: new Date(reset * 1000),
    });
    expect(await otherWorker.take(id, new Date(T0.getTime() + 60_000))).toMatchObject({ go: false, reason: "paused", retryAt: new Date(reset * 1000) });
    scope.done();
  });

  it("passes a 403 that is not a rate limit through, without pausing anything", async () => {
    const { octokit, otherWorker, id } = setup();
    const scope = nock(API)
      .post("/repos/acme/web/issues/1/comments")
      .reply(403, { message: "Resource not accessible by integration", documentation_url: "https://docs.github.com/rest/issues/comments#create-an-issue-comment" });

    await expect(octokit.rest.issues.createComment(comment)).rejects.toMatchObject({ status: 403, message: expect.stringContaining("Resource not accessible") });
    expect(await otherWorker.take(id, T0)).toMatchObject({ go: true });
    scope.done();
  });

  it("does not count the installation token exchange, nor pause the installation on its rate limit", async () => {
    const store = dynamo.connect({ writeBudget: { perMinute: 1 } }).writeBudget;
    const clock = fakeClock();
    const probot = testProbot();
    const scope = nock(API)
      .post("/app/installations/77/access_tokens")
      .reply(201, { token: "ghs_77", expires_at: "2099-01-01T00:00:00Z" })
      .post("/repos/acme/web/issues/1/comments")
      .reply(201, apiFixture("issue-comment"))
      .post("/app/installations/78/access_tokens")
      .reply(403, { message: "API rate limit exceeded for app." }, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": "4102444800" });

    const installation = await probot.auth(77);
    applyWriteBudget(installation, { installationId: 77, store, now: clock.now, sleep: clock.sleep });
    await installation.rest.issues.createComment(comment);

    const limited = await probot.auth(78);
    applyWriteBudget(limited, { installationId: 78, store, now: clock.now, sleep: clock.sleep });
    await expect(limited.rest.issues.createComment(comment)).rejects.toMatchObject({ status: 403 });
    expect(await store.take(78, T0)).toMatchObject({ go: false, reason: "per-minute" });
    expect(await store.take(79, T0)).toMatchObject({ go: true });
    scope.done();
  });
});
