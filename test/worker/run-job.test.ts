import { gzipSync } from "node:zlib";
import nock from "nock";
import { tar } from "../providers/static/tarball";
import { JOB_KINDS } from "../../src/job-kinds";
import { submitJobs } from "../../src/jobs/submit-jobs";
import type { PushJob } from "../../src/jobs/push/push-job";
import type { Stores } from "../../src/store/stores";
import { runJob } from "../../src/worker/run-job";
import { JobDeferredError } from "../../src/util/job-deferred-error";
import { apiFixture, recordCalls } from "../helpers/github-api";
import { jobId } from "../helpers/job-ids";
import { testJobContext } from "../helpers/job-context";
import { testStores } from "../helpers/test-stores";

const repository = { installationId: 1, repoId: 7002, owner: "octo", repo: "shop" };
const SHA = "c".repeat(40);
const queue = { send: async () => undefined };

describe("running a job", () => {
  let stores: Stores;
  let close: () => void;

  beforeEach(async () => {
    ({ stores, close } = await testStores());
  });
  afterEach(() => close());

  it("marks the Deployment a job opened `error` when it gives up, instead of leaving it in progress", async () => {
    const ctx = await testJobContext(stores, { maxAttempts: 1 });
    const push: PushJob = { kind: "push", repository, branch: "main", headSha: SHA, pusher: "octocat", compareUrl: "https://github.com/octo/shop/compare/a...c", eventAt: "2026-11-01T10:00:00.000Z" };
    await submitJobs({ jobs: stores.jobs, queue, kinds: JOB_KINDS }, [push], new Date());
    const archive = gzipSync(await tar([{ name: `octo-shop-ccccccc/public/index.html`, body: "<h1>shop</h1>" }]));
    nock("https://codeload.github.com").get(`/octo/shop/legacy.tar.gz/${SHA}`).reply(200, archive);
    const scope = nock("https://api.github.com")
      .get("/repos/octo/shop/contents/.github%2Fslipway.yml")
      .query({ ref: SHA })
      .reply(200, "environments:\n  production:\n    branch: main\n", { "Content-Type": "text/plain" })
      .get(`/repos/octo/shop/tarball/${SHA}`)
      .reply(302, "", { Location: `https://codeload.github.com/octo/shop/legacy.tar.gz/${SHA}` })
      .post("/repos/octo/shop/deployments")
      .reply(201, { ...apiFixture("deployment"), id: 777, sha: SHA, environment: "production" })
      // The success status never gets through: the Deployment would stay in progress for ever.
      .post("/repos/octo/shop/deployments/777/statuses", (body: { state?: string }) => body.state === "success")
      .reply(502, { message: "Server Error" })
      .post("/repos/octo/shop/deployments/777/statuses", (body: { state?: string }) => body.state === "error")
      .reply(201, apiFixture("deployment-status"))
      .post("/repos/octo/shop/check-runs")
      .reply(201, apiFixture("check-run"));
    const log = recordCalls(scope);

    expect(await runJob(ctx, jobId(push))).toBe("retry");

    scope.done();
    const states = log.bodies.filter((entry) => entry.call === "POST /repos/octo/shop/deployments/777/statuses").map((entry) => entry.body.state);
    expect(states).toEqual(["success", "error"]);
    expect(log.bodies.at(-1)?.body).toMatchObject({ name: "Slipway / deploy", conclusion: "failure" });
    const record = await stores.jobs.get(jobId(push));
    expect(record).toMatchObject({ state: "failed", openDeployments: [] });
  });

  it("puts a job that cannot go on yet back on the queue until the time it names, without counting an attempt", async () => {
    const retryAt = new Date(Date.now() + 90_000);
    const ctx = await testJobContext(stores, {
      github: async () => {
        throw new JobDeferredError(retryAt, "the build.yml run of this commit is still running");
      },
    });
    const push: PushJob = { kind: "push", repository, branch: "main", headSha: SHA, pusher: "octocat", compareUrl: "https://github.com/octo/shop/compare/a...c", eventAt: "2026-11-01T10:00:00.000Z" };
    await submitJobs({ jobs: stores.jobs, queue, kinds: JOB_KINDS }, [push], new Date());

    const delivery = await runJob(ctx, jobId(push));

    expect(delivery).toEqual({ deferSeconds: expect.any(Number) });
    expect((delivery as { deferSeconds: number }).deferSeconds).toBeGreaterThanOrEqual(89);
    expect(await stores.jobs.get(jobId(push))).toMatchObject({ state: "queued", attempts: 0, deferred: "the build.yml run of this commit is still running" });
  });

  it("records a job that no registered kind accepts as failed at once, without retrying it", async () => {
    const ctx = await testJobContext(stores);
    await stores.jobs.create({ id: "orphan", group: "g", job: { kind: "retired-kind", repository } }, new Date());
    expect(await runJob(ctx, "orphan")).toBe("done");
    expect(await stores.jobs.get("orphan")).toMatchObject({ state: "failed", error: expect.stringContaining('No job kind "retired-kind" is registered') });
  });

  it("records a job its kind's schema refuses as failed at once", async () => {
    const ctx = await testJobContext(stores);
    await stores.jobs.create({ id: "bad", group: "g", job: { kind: "push", repository, branch: "main" } }, new Date());
    expect(await runJob(ctx, "bad")).toBe("done");
    expect(await stores.jobs.get("bad")).toMatchObject({ state: "failed", error: expect.stringContaining("The push job is malformed (headSha:") });
  });
});
