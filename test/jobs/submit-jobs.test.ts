import { JOB_SHAPES } from "../../src/job-shapes";
import { submitJobs } from "../../src/jobs/submit-jobs";
import { minutesAfter, previewJob, T0 } from "../store/contract/fixtures";
import { storesEachTest } from "../helpers/test-stores";

describe("submitting jobs", () => {
  const each = storesEachTest();
  const { sent, queue } = each;

  const deps = () => ({ jobs: each.stores.jobs, queue, kinds: JOB_SHAPES });
  const { id, group } = JOB_SHAPES.load(previewJob(12));

  async function failIt(): Promise<void> {
    await each.stores.jobs.beginAttempt(id, minutesAfter(1));
    await each.stores.jobs.finish(id, "failed", { error: "GitHub answered 502" }, minutesAfter(2));
    sent.length = 0;
  }

  it("leaves a failed job failed when it is submitted again, unless asked to reopen it", async () => {
    expect(await submitJobs(deps(), [previewJob(12)], T0)).toEqual({ created: 1, reopened: 0 });
    await failIt();

    expect(await submitJobs(deps(), [previewJob(12)], minutesAfter(3))).toEqual({ created: 0, reopened: 0 });
    expect(sent).toEqual([]);
    expect(await each.stores.jobs.get(id)).toMatchObject({ state: "failed" });

    expect(await submitJobs(deps(), [previewJob(12)], minutesAfter(4), { reopenFailed: true })).toEqual({ created: 0, reopened: 1 });
    expect(sent).toEqual([{ jobId: id, group, dedupSuffix: `reopened-${minutesAfter(4).getTime()}` }]);
    expect(await each.stores.jobs.get(id)).toMatchObject({ state: "queued", attempts: 0 });
  });

  it("never reopens a job that succeeded, and queues an unfinished one again under its own id", async () => {
    await submitJobs(deps(), [previewJob(12)], T0);
    sent.length = 0;
    expect(await submitJobs(deps(), [previewJob(12)], minutesAfter(1), { reopenFailed: true })).toEqual({ created: 0, reopened: 0 });
    expect(sent).toEqual([{ jobId: id, group }]);

    await each.stores.jobs.finish(id, "succeeded", { result: "Deployed pr-12" }, minutesAfter(2));
    sent.length = 0;
    expect(await submitJobs(deps(), [previewJob(12)], minutesAfter(3), { reopenFailed: true })).toEqual({ created: 0, reopened: 0 });
    expect(sent).toEqual([]);
  });
});
