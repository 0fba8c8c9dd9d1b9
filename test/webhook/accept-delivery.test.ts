import pino from "pino";
import { JOB_SHAPES } from "../../src/job-shapes";
import type { IntakeJob } from "../../src/jobs/intake/intake-job";
import { intakeJobId } from "../../src/jobs/intake/intake-job";
import { intakeKind } from "../../src/jobs/intake/intake-kind";
import { InvalidJobError } from "../../src/jobs/job-registry";
import { runPreview } from "../../src/jobs/preview/run-preview";
import type { PreviewJob } from "../../src/jobs/preview/preview-job";
import { EmbeddedQueue } from "../../src/queue/embedded-queue";
import { acceptDelivery } from "../../src/webhook/accept-delivery";
import { planPullRequest } from "../../src/webhook/plan-pull-request";
import { countingLogins, testJobContext } from "../helpers/job-context";
import { storesEachTest } from "../helpers/test-stores";
import { pullRequestPayload } from "../helpers/webhook-fixtures";

/** A `synchronize` of pull request 2 to `sha`, all at the same `updated_at` second. */
function push(sha: string) {
  const payload = pullRequestPayload("synchronize");
  payload.pull_request.head.sha = sha;
  payload.pull_request.updated_at = "2026-11-20T10:00:00Z";
  return planPullRequest(payload);
}

const delivery = (id: string) => ({ id, event: "pull_request" });

describe("accepting deliveries", () => {
  const each = storesEachTest();
  const { sent, queue } = each;

  const deps = () => ({ ...each.stores, queue, kinds: JOB_SHAPES });

  /** The intakes sent so far, run by the worker's intake kind; returns the preview jobs they recorded. */
  async function runIntakes(): Promise<PreviewJob[]> {
    const ctx = await testJobContext(each.stores);
    const previews: PreviewJob[] = [];
    for (const { jobId } of sent.splice(0)) {
      const intake = (await each.stores.jobs.get(jobId))?.job as IntakeJob;
      expect(await intakeKind.run(intake, ctx)).toMatchObject({ state: "succeeded" });
      for (const job of intake.jobs) {
        const { id } = JOB_SHAPES.load(job);
        previews.push((await each.stores.jobs.get(id))?.job as PreviewJob);
      }
    }
    return previews;
  }

  it("records one intake job per delivery and nothing else before the acknowledgement", async () => {
    expect(await acceptDelivery(deps(), delivery("delivery-1"), push("1".repeat(40)), new Date())).toBe("accepted");

    expect(sent).toEqual([{ jobId: intakeJobId("delivery-1"), group: expect.stringMatching(/^intake-/) }]);
    const intake = (await each.stores.jobs.get(intakeJobId("delivery-1")))?.job as IntakeJob;
    expect(intake).toMatchObject({ kind: "intake", deliveryId: "delivery-1", event: "pull_request", pullRequest: { pullNumber: 2, headSha: "1".repeat(40) } });
    expect(intake.jobs).toEqual([expect.objectContaining({ kind: "preview", headSha: "1".repeat(40) })]);
    // The head and the preview job are the worker's to record.
    expect(await each.stores.pullRequests.get("Codertocat", "Hello-World", 2)).toBeUndefined();
    const [preview] = await runIntakes();
    expect(preview).toMatchObject({ kind: "preview", headSha: "1".repeat(40), sequence: intake.sequence });
    expect(await each.stores.pullRequests.get("Codertocat", "Hello-World", 2)).toMatchObject({ headSha: "1".repeat(40), sequence: intake.sequence });
  });

  it("answers a redelivery as a duplicate, queueing its intake again only while it is unfinished", async () => {
    await acceptDelivery(deps(), delivery("delivery-1"), push("1".repeat(40)), new Date());
    expect(await acceptDelivery(deps(), delivery("delivery-1"), push("1".repeat(40)), new Date())).toBe("duplicate");
    // The first message may never have reached the queue: the unfinished intake goes again.
    expect(sent.map(({ jobId }) => jobId)).toEqual([intakeJobId("delivery-1"), intakeJobId("delivery-1")]);

    await each.stores.jobs.finish(intakeJobId("delivery-1"), "succeeded", { result: "recorded" }, new Date());
    sent.length = 0;
    expect(await acceptDelivery(deps(), delivery("delivery-1"), push("1".repeat(40)), new Date())).toBe("duplicate");
    expect(sent).toEqual([]);
  });

  it("records a redelivery again when the delivery's intake had given up, and only then", async () => {
    await acceptDelivery(deps(), delivery("delivery-1"), push("1".repeat(40)), new Date());
    const id = intakeJobId("delivery-1");
    await each.stores.jobs.beginAttempt(id, new Date());
    await each.stores.jobs.finish(id, "failed", { error: "the queue is unreachable" }, new Date());
    sent.length = 0;

    expect(await acceptDelivery(deps(), delivery("delivery-1"), push("1".repeat(40)), new Date())).toBe("retried");
    expect(sent).toEqual([{ jobId: id, group: expect.stringMatching(/^intake-/), dedupSuffix: expect.stringMatching(/^reopened-\d+$/) }]);
    expect(await each.stores.jobs.get(id)).toMatchObject({ state: "queued", attempts: 0 });
    const [preview] = await runIntakes();
    expect(preview).toMatchObject({ kind: "preview", headSha: "1".repeat(40) });

    // Recorded now: a further redelivery is a duplicate again.
    await each.stores.jobs.finish(id, "succeeded", { result: "recorded" }, new Date());
    expect(await acceptDelivery(deps(), delivery("delivery-1"), push("1".repeat(40)), new Date())).toBe("duplicate");
    expect(sent).toEqual([]);
  });

  it("sends a reopened intake again past the queue's de-duplication of its first message", async () => {
    const delivered: string[] = [];
    const queue = new EmbeddedQueue({ maxAttempts: 1, deliver: async (event) => void delivered.push(...event.Records.map((record) => record.body)) });
    const id = intakeJobId("delivery-2");
    try {
      await acceptDelivery({ ...deps(), queue }, delivery("delivery-2"), push("2".repeat(40)), new Date());
      await queue.drain();
      await each.stores.jobs.beginAttempt(id, new Date());
      await each.stores.jobs.finish(id, "failed", { error: "the queue is unreachable" }, new Date());

      expect(await acceptDelivery({ ...deps(), queue }, delivery("delivery-2"), push("2".repeat(40)), new Date())).toBe("retried");
      await queue.drain();
      expect(delivered).toEqual([JSON.stringify({ jobId: id }), JSON.stringify({ jobId: id })]);
    } finally {
      await queue.close();
    }
  });

  it("accepts one of several concurrent deliveries of the same id", async () => {
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => acceptDelivery(deps(), delivery("delivery-race"), push("1".repeat(40)), new Date())));
    expect(outcomes.filter((outcome) => outcome === "accepted")).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === "duplicate")).toHaveLength(4);
  });

  it("refuses a delivery whose planned job is malformed, recording nothing", async () => {
    const plan = push("1".repeat(40));
    const broken = { ...plan, jobs: [{ ...plan.jobs[0]!, pullNumber: -1 }] };
    await expect(acceptDelivery(deps(), delivery("delivery-bad"), broken, new Date())).rejects.toThrow(InvalidJobError);
    expect(await each.stores.jobs.get(intakeJobId("delivery-bad"))).toBeUndefined();
    expect(sent).toEqual([]);
  });

  it("ignores a delivery that plans nothing, recording nothing", async () => {
    expect(await acceptDelivery(deps(), delivery("delivery-empty"), { jobs: [] }, new Date())).toBe("ignored");
    expect(await each.stores.jobs.get(intakeJobId("delivery-empty"))).toBeUndefined();
  });

  it("gives pushes of the same second the order they were received in, and only the newest does any work", async () => {
    const shas = ["1", "2", "3"].map((digit) => digit.repeat(40));
    for (const [index, sha] of shas.entries()) expect(await acceptDelivery(deps(), delivery(`delivery-${index}`), push(sha), new Date())).toBe("accepted");

    const jobs = await runIntakes();
    expect(jobs.map((job) => job.headSha)).toEqual(shas);
    const sequences = jobs.map((job) => job.sequence ?? 0);
    expect([...sequences].sort((a, b) => a - b)).toEqual(sequences);
    expect(new Set(sequences).size).toBe(3);
    expect(await each.stores.pullRequests.get("Codertocat", "Hello-World", 2)).toMatchObject({ headSha: shas[2], sequence: sequences[2] });

    // The first two are overtaken before any GitHub call, not even authenticating.
    const { ctx, logins } = countingLogins(await testJobContext(each.stores, { log: pino({ level: "silent" }) }));
    expect(await runPreview(jobs[0]!, ctx)).toEqual({ state: "superseded", result: `pull request moved on to 3333333 (open)` });
    expect(await runPreview(jobs[1]!, ctx)).toMatchObject({ state: "superseded" });
    expect(logins()).toBe(0);
  });

  it("keeps the order of receipt when the intakes run in the opposite order", async () => {
    await acceptDelivery(deps(), delivery("first"), push("1".repeat(40)), new Date());
    await acceptDelivery(deps(), delivery("second"), push("2".repeat(40)), new Date());
    sent.reverse();
    await runIntakes();
    expect(await each.stores.pullRequests.get("Codertocat", "Hello-World", 2)).toMatchObject({ headSha: "2".repeat(40) });
  });

  it("keeps the newer head when an older event arrives later, and its job is overtaken", async () => {
    await acceptDelivery(deps(), delivery("newer"), push("9".repeat(40)), new Date());
    const older = pullRequestPayload("synchronize");
    older.pull_request.head.sha = "8".repeat(40);
    older.pull_request.updated_at = "2026-11-20T09:59:59Z";
    await acceptDelivery(deps(), delivery("older"), planPullRequest(older), new Date());
    const [, job] = await runIntakes();
    expect(await each.stores.pullRequests.get("Codertocat", "Hello-World", 2)).toMatchObject({ headSha: "9".repeat(40) });
    const { ctx } = countingLogins(await testJobContext(each.stores, { log: pino({ level: "silent" }) }));
    expect(await runPreview(job!, ctx)).toMatchObject({ state: "superseded" });
  });
});
