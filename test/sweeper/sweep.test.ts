import pino from "pino";
import { JOB_SHAPES } from "../../src/job-shapes";
import { jobId } from "../helpers/job-ids";
import type { PreviewJob } from "../../src/jobs/preview/preview-job";
import { submitJobs } from "../../src/jobs/submit-jobs";
import type { EnvironmentRecord } from "../../src/model/records";
import { sweep } from "../../src/sweeper/sweep";
import { storesEachTest } from "../helpers/test-stores";

const repository = { installationId: 5, repoId: 8001, owner: "octo", repo: "docs" };
const HOUR = 60 * 60 * 1000;

function preview(name: string, pullNumber: number, expiresAt: string): EnvironmentRecord {
  return {
    ...repository,
    name,
    state: "active",
    sha: "b".repeat(40),
    buildKey: `${"b".repeat(40)}-00000000`,
    spa: false,
    sourceAt: "2026-11-01T00:00:00.000Z",
    pullNumber,
    url: `http://127.0.0.1/sites/octo/docs/${name}/`,
    expiresAt,
    updatedAt: "2026-11-01T00:00:00.000Z",
  };
}

describe("the sweeper", () => {
  const each = storesEachTest();
  const { sent, queue } = each;
  const deps = () => ({ stores: each.stores, queue, kinds: JOB_SHAPES, maxAttempts: 3, stuckAfterMs: HOUR, log: pino({ level: "silent" }) });


  it("queues a teardown for each preview idle past its expiry, and only those", async () => {
    const now = new Date("2026-11-20T12:00:00.000Z");
    await each.stores.environments.point(preview("pr-1", 1, "2026-11-20T11:00:00.000Z"));
    await each.stores.environments.point(preview("pr-2", 2, "2026-11-21T11:00:00.000Z"));

    const result = await sweep(deps(), now);

    expect(result).toEqual({ expired: 1, requeued: 0, abandoned: 0 });
    expect(sent).toHaveLength(1);
    const record = await each.stores.jobs.get(sent[0]!.jobId);
    // The teardown's time is the expiry, so a push after it still wins.
    expect(record?.job).toEqual({ kind: "teardown", repository, pullNumber: 1, reason: "expired", eventAt: "2026-11-20T11:00:00.000Z" });
  });

  it("queues stuck jobs again, and gives up on those past their attempts", async () => {
    const job = (pullNumber: number): PreviewJob => ({
      kind: "preview",
      repository,
      pullNumber,
      headSha: "c".repeat(40),
      headRef: "main",
      fork: false,
      eventAt: "2026-11-01T00:00:00.000Z",
    });
    const longAgo = new Date("2026-11-20T08:00:00.000Z");
    const [lost, exhausted, recent] = [job(11), job(12), job(13)];
    await submitJobs({ jobs: each.stores.jobs, queue, kinds: JOB_SHAPES }, [lost!, exhausted!], longAgo);
    for (let attempt = 0; attempt < 4; attempt++) await each.stores.jobs.beginAttempt(jobId(exhausted!), longAgo);
    await submitJobs({ jobs: each.stores.jobs, queue, kinds: JOB_SHAPES }, [recent!], new Date("2026-11-20T11:59:00.000Z"));
    sent.length = 0;

    const result = await sweep(deps(), new Date("2026-11-20T12:00:00.000Z"));

    expect(result).toEqual({ expired: 0, requeued: 1, abandoned: 1 });
    expect(sent).toEqual([{ jobId: jobId(lost!), group: "8001-pr-11", dedupSuffix: `sweep-${Date.parse("2026-11-20T12:00:00.000Z")}` }]);
    expect(await each.stores.jobs.get(jobId(exhausted!))).toMatchObject({ state: "failed" });
  });

  it("redelivers missed webhooks last, and a failure to do so never fails the sweep", async () => {
    const reconciled = await sweep({ ...deps(), reconcile: async () => ({ listed: 3, redelivered: ["guid-1", "guid-2"], pending: 0 }) }, new Date("2026-11-20T12:00:00.000Z"));
    expect(reconciled).toEqual({ expired: 0, requeued: 0, abandoned: 0, redelivered: 2 });

    const failed = await sweep({ ...deps(), reconcile: async () => { throw new Error("GitHub is down"); } }, new Date("2026-11-20T12:00:00.000Z"));
    expect(failed).toEqual({ expired: 0, requeued: 0, abandoned: 0 });
  });
});
