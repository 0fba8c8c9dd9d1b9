import pino from "pino";
import { JOB_SHAPES } from "../../src/job-shapes";
import type { QueuedJob } from "../../src/queue/job-queue";
import type { Stores } from "../../src/store/stores";
import { onEvent } from "../../src/webhook/on-event";
import { planPullRequest } from "../../src/webhook/plan-pull-request";
import { testStores } from "../helpers/test-stores";
import { pullRequestPayload } from "../helpers/webhook-fixtures";

describe("one handler with several planners", () => {
  let stores: Stores;
  let close: () => void;
  let sent: QueuedJob[];

  beforeEach(async () => {
    ({ stores, close } = await testStores());
    sent = [];
  });
  afterEach(() => close());

  const handler = (...planners: Parameters<typeof onEvent<ReturnType<typeof pullRequestPayload>>>[1][]) =>
    onEvent({ ...stores, queue: { send: async (jobs: QueuedJob[]) => void sent.push(...jobs) }, kinds: JOB_SHAPES }, ...planners);
  const context = (id: string) => ({ id, name: "pull_request", payload: pullRequestPayload("opened"), log: pino({ level: "silent" }) });

  it("claims the delivery once and queues every planner's jobs, in planner order", async () => {
    const handle = handler(planPullRequest, (payload) => ({ jobs: planPullRequest(payload).jobs }));
    await handle(context("d-1"));
    expect(sent).toHaveLength(2);
    const kinds = await Promise.all(sent.map(async ({ jobId }) => (await stores.jobs.get(jobId))?.job.kind));
    expect(kinds).toEqual(["preview", "preview"]);

    await handle(context("d-1"));
    expect(sent).toHaveLength(2);
  });

  it("refuses two planners that would both record a head", async () => {
    await expect(handler(planPullRequest, planPullRequest)(context("d-2"))).rejects.toThrow("Only one planner of an event may record a head");
    expect(sent).toHaveLength(0);
  });
});
