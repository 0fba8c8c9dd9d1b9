import pino from "pino";
import { JOB_SHAPES } from "../../src/job-shapes";
import { intakeJobId, type IntakeJob } from "../../src/jobs/intake/intake-job";
import { onEvent } from "../../src/webhook/on-event";
import { planPullRequest } from "../../src/webhook/plan-pull-request";
import { storesEachTest } from "../helpers/test-stores";
import { pullRequestPayload } from "../helpers/webhook-fixtures";

describe("one handler with several planners", () => {
  const each = storesEachTest();
  const { sent, queue } = each;

  const handler = (...planners: Parameters<typeof onEvent<ReturnType<typeof pullRequestPayload>>>[1][]) =>
    onEvent({ ...each.stores, queue, kinds: JOB_SHAPES }, ...planners);
  const context = (id: string) => ({ id, name: "pull_request", payload: pullRequestPayload("opened"), log: pino({ level: "silent" }) });

  it("records the delivery once, as one intake holding every planner's jobs in planner order", async () => {
    const teardown = { kind: "teardown", reason: "closed" };
    const handle = handler(planPullRequest, () => ({ jobs: planPullRequest(pullRequestPayload("closed")).jobs }));
    await handle(context("d-1"));
    expect(sent).toEqual([{ jobId: intakeJobId("d-1"), group: expect.any(String) }]);
    const intake = (await each.stores.jobs.get(intakeJobId("d-1")))?.job as IntakeJob;
    expect(intake.jobs).toEqual([expect.objectContaining({ kind: "preview" }), expect.objectContaining(teardown)]);

    // A redelivery records nothing new: its unfinished intake is only queued again.
    await handle(context("d-1"));
    expect(sent.map(({ jobId }) => jobId)).toEqual([intakeJobId("d-1"), intakeJobId("d-1")]);
  });

  it("refuses two planners that would both record a head", async () => {
    await expect(handler(planPullRequest, planPullRequest)(context("d-2"))).rejects.toThrow("Only one planner of an event may record a head");
    expect(sent).toHaveLength(0);
  });
});
