import pino from "pino";
import { JOB_SHAPES } from "../../src/job-shapes";
import { runPreview } from "../../src/jobs/preview/run-preview";
import type { PreviewJob } from "../../src/jobs/preview/preview-job";
import type { QueuedJob } from "../../src/queue/job-queue";
import type { Stores } from "../../src/store/stores";
import { acceptDelivery } from "../../src/webhook/accept-delivery";
import { planPullRequest } from "../../src/webhook/plan-pull-request";
import { countingLogins, testJobContext } from "../helpers/job-context";
import { testStores } from "../helpers/test-stores";
import { pullRequestPayload } from "../helpers/webhook-fixtures";

/** A `synchronize` of pull request 2 to `sha`, all at the same `updated_at` second. */
function push(sha: string) {
  const payload = pullRequestPayload("synchronize");
  payload.pull_request.head.sha = sha;
  payload.pull_request.updated_at = "2026-11-20T10:00:00Z";
  return planPullRequest(payload);
}

describe("accepting deliveries", () => {
  let stores: Stores;
  let close: () => void;
  let sent: QueuedJob[];

  beforeEach(async () => {
    ({ stores, close } = await testStores());
    sent = [];
  });
  afterEach(() => close());

  const deps = () => ({ ...stores, queue: { send: async (jobs: QueuedJob[]) => void sent.push(...jobs) }, kinds: JOB_SHAPES });

  it("gives pushes of the same second the order they were received in, and only the newest does any work", async () => {
    const shas = ["1", "2", "3"].map((digit) => digit.repeat(40));
    for (const [index, sha] of shas.entries()) expect(await acceptDelivery(deps(), `delivery-${index}`, push(sha), new Date())).toBe("accepted");

    const jobs = await Promise.all(sent.map(async ({ jobId }) => (await stores.jobs.get(jobId))?.job as PreviewJob));
    expect(jobs.map((job) => job.headSha)).toEqual(shas);
    const sequences = jobs.map((job) => job.sequence ?? 0);
    expect([...sequences].sort((a, b) => a - b)).toEqual(sequences);
    expect(new Set(sequences).size).toBe(3);
    expect(await stores.pullRequests.get("Codertocat", "Hello-World", 2)).toMatchObject({ headSha: shas[2], sequence: sequences[2] });

    // The first two are overtaken before any GitHub call, not even authenticating.
    const { ctx, logins } = countingLogins(await testJobContext(stores, { log: pino({ level: "silent" }) }));
    expect(await runPreview(jobs[0]!, ctx)).toEqual({ state: "superseded", result: `pull request moved on to 3333333 (open)` });
    expect(await runPreview(jobs[1]!, ctx)).toMatchObject({ state: "superseded" });
    expect(logins()).toBe(0);
  });

  it("keeps the newer head when an older event arrives later, and its job is overtaken", async () => {
    await acceptDelivery(deps(), "newer", push("9".repeat(40)), new Date());
    const older = pullRequestPayload("synchronize");
    older.pull_request.head.sha = "8".repeat(40);
    older.pull_request.updated_at = "2026-11-20T09:59:59Z";
    await acceptDelivery(deps(), "older", planPullRequest(older), new Date());
    expect(await stores.pullRequests.get("Codertocat", "Hello-World", 2)).toMatchObject({ headSha: "9".repeat(40) });
    const job = (await stores.jobs.get(sent.at(-1)!.jobId))?.job as PreviewJob;
    const { ctx } = countingLogins(await testJobContext(stores, { log: pino({ level: "silent" }) }));
    expect(await runPreview(job, ctx)).toMatchObject({ state: "superseded" });
  });
});
