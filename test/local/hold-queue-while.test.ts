import pino from "pino";
import { parseEnv } from "../../src/config/env";
import { holdQueueWhile } from "../../src/local/hold-queue-while";
import { EmbeddedQueue } from "../../src/queue/embedded-queue";
import { createQueue } from "../../src/runtime/create-queue";

// The local runtime's queue as `npm start` builds it, and the hold its webhook endpoint takes:
// no job starts while a delivery is being recorded, nor for 50 ms after, so a burst of
// deliveries is acknowledged before jobs share the process with it.
describe("the local runtime's queue while webhook deliveries are recorded", () => {
  const env = parseEnv({ APP_ID: "1", PRIVATE_KEY: "unused", WEBHOOK_SECRET: "unused", SLIPWAY_DATA_DIR: "/unused" });
  let queue: EmbeddedQueue;
  let started: number[];

  beforeEach(() => {
    started = [];
    const built = createQueue(env, pino({ level: "silent" }), async () => {
      started.push(Date.now());
      return { batchItemFailures: [] };
    });
    if (!(built instanceof EmbeddedQueue)) throw new Error("expected the in-process queue");
    queue = built;
  });
  afterEach(() => queue.close());

  it("starts no job while a delivery is being recorded, nor for 50 ms after its answer", async () => {
    let answer = (): void => undefined;
    const recording = new Promise<void>((resolve) => (answer = resolve));
    const endpoint = holdQueueWhile(queue, async (jobId: string) => {
      await queue.send([{ jobId, group: "intake-42-pr-7" }]);
      await recording;
      return "ok";
    });

    const answered = endpoint("intake-1");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(started).toEqual([]);
    answer();
    await answered;
    const answeredAt = Date.now();
    await queue.drain();
    expect(started).toHaveLength(1);
    expect(started[0]! - answeredAt).toBeGreaterThanOrEqual(49);
  });

  it("leaves the handler as it is for a queue whose jobs run elsewhere", () => {
    const handler = async () => "ok";
    expect(holdQueueWhile({ send: async () => undefined }, handler)).toBe(handler);
  });
});
