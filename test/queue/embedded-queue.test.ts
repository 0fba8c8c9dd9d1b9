import { createHash } from "node:crypto";
import type { SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { EmbeddedQueue, QueueClosedError, ReceiptHandleError, type EmbeddedQueueOptions, type QueueLogger } from "../../src/queue/embedded-queue";

/** One delivered record, as the worker saw it. */
interface Seen {
  jobId: string;
  group: string | undefined;
  receiveCount: number;
}

function seen(record: SQSRecord): Seen {
  const { jobId } = JSON.parse(record.body) as { jobId: string };
  return { jobId, group: record.attributes.MessageGroupId, receiveCount: Number(record.attributes.ApproximateReceiveCount) };
}

/**
 * A worker stand-in: records every batch, fails the jobs `fail` names (by returning them as batch
 * item failures), and checks that no two messages of one group are ever in flight at once.
 */
function worker(fail: (record: Seen) => boolean = () => false, options: { throws?: boolean; delayMs?: number } = {}) {
  const batches: Seen[][] = [];
  const inFlight = new Set<string>();
  const overlaps: string[] = [];
  const deliver = async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const records = event.Records.map(seen);
    batches.push(records);
    for (const record of records) {
      if (record.group && inFlight.has(record.group)) overlaps.push(record.group);
      if (record.group) inFlight.add(record.group);
    }
    await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 2));
    for (const record of records) if (record.group) inFlight.delete(record.group);
    if (options.throws) throw new Error("worker crashed");
    return { batchItemFailures: event.Records.filter((record) => fail(seen(record))).map((record) => ({ itemIdentifier: record.messageId })) };
  };
  return { deliver, batches, overlaps, all: () => batches.flat() };
}

function silentLogger(): QueueLogger & { error: jest.Mock; warn: jest.Mock } {
  return { warn: jest.fn(), error: jest.fn() };
}

describe("EmbeddedQueue", () => {
  const queues: EmbeddedQueue[] = [];
  function createQueue(options: Partial<EmbeddedQueueOptions> & Pick<EmbeddedQueueOptions, "deliver">): EmbeddedQueue {
    const queue = new EmbeddedQueue({ maxAttempts: 3, backoffMs: () => 5, logger: silentLogger(), ...options });
    queues.push(queue);
    return queue;
  }

  afterEach(async () => {
    await Promise.all(queues.splice(0).map((queue) => queue.close()));
    jest.restoreAllMocks();
  });

  it("hands the worker the records Lambda's SQS trigger would", async () => {
    const events: SQSEvent[] = [];
    const queue = createQueue({ deliver: async (event) => { events.push(event); return { batchItemFailures: [] }; } });
    await queue.send([{ jobId: "job-1", group: "42-pr-7", dedupSuffix: "sweep-1" }]);
    await queue.drain();
    expect(events).toHaveLength(1);
    const record = events[0]?.Records[0];
    expect(record).toMatchObject({
      body: '{"jobId":"job-1"}',
      md5OfBody: createHash("md5").update('{"jobId":"job-1"}').digest("hex"),
      messageAttributes: {},
      eventSource: "aws:sqs",
      eventSourceARN: "arn:aws:sqs:local:000000000000:slipway-jobs.fifo",
      attributes: { ApproximateReceiveCount: "1", MessageGroupId: "42-pr-7", MessageDeduplicationId: "job-1-sweep-1", SequenceNumber: "00000000000000000001" },
    });
    expect(record?.messageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(record?.receiptHandle).toContain(record?.messageId);
  });

  it("starts no batch while held, and delivers what waited once every hold is released", async () => {
    const work = worker();
    const queue = createQueue({ deliver: work.deliver });
    const first = queue.hold();
    const second = queue.hold();
    await queue.send([{ jobId: "job-1", group: "g1" }]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(work.batches).toEqual([]);
    first();
    first();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(work.batches).toEqual([]);
    second();
    await queue.drain();
    expect(work.all().map((record) => record.jobId)).toEqual(["job-1"]);
  });

  it("waits the quiet time after the last hold is released, however often a hold comes and goes meanwhile", async () => {
    const delivered: number[] = [];
    const queue = createQueue({ quietMs: 60, deliver: async () => void delivered.push(Date.now()) });
    let release = queue.hold();
    await queue.send([{ jobId: "job-1", group: "g1" }]);
    let releasedAt = 0;
    for (let turn = 0; turn < 3; turn++) {
      release();
      releasedAt = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(delivered).toEqual([]);
      release = queue.hold();
    }
    release();
    releasedAt = Date.now();
    await queue.drain();
    expect(delivered).toHaveLength(1);
    expect(delivered[0]! - releasedAt).toBeGreaterThanOrEqual(59);
  });

  it("keeps a batch back for at most maxHoldMs, so a steady stream of deliveries cannot starve the jobs", async () => {
    const delivered: number[] = [];
    const queue = createQueue({ quietMs: 1000, maxHoldMs: 50, deliver: async () => void delivered.push(Date.now()) });
    const release = queue.hold();
    const sentAt = Date.now();
    await queue.send([{ jobId: "job-1", group: "g1" }]);
    await queue.drain();
    expect(delivered).toHaveLength(1);
    expect(delivered[0]! - sentAt).toBeGreaterThanOrEqual(49);
    release();
  });

  it("delivers a group's messages in order, one at a time, and other groups alongside", async () => {
    const { deliver, batches, overlaps } = worker();
    const queue = createQueue({ deliver });
    await queue.send([
      { jobId: "a1", group: "a" }, { jobId: "a2", group: "a" }, { jobId: "b1", group: "b" }, { jobId: "a3", group: "a" },
    ]);
    await queue.drain();
    expect(batches.map((batch) => batch.map((record) => record.jobId))).toEqual([["a1", "b1"], ["a2"], ["a3"]]);
    expect(overlaps).toEqual([]);
  });

  it("holds a group back while its message is in flight, even when more are sent meanwhile", async () => {
    const { deliver, all, overlaps } = worker(() => false, { delayMs: 20 });
    const queue = createQueue({ deliver });
    await queue.send([{ jobId: "a1", group: "a" }]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await queue.send([{ jobId: "a2", group: "a" }, { jobId: "b1", group: "b" }]);
    await queue.drain();
    expect(all().map((record) => record.jobId)).toEqual(["a1", "b1", "a2"]);
    expect(overlaps).toEqual([]);
  });

  it("caps batches at batchSize", async () => {
    const { deliver, batches } = worker();
    const queue = createQueue({ deliver, batchSize: 2 });
    await queue.send(["a", "b", "c", "d", "e"].map((group) => ({ jobId: `${group}1`, group })));
    await queue.drain();
    expect(batches.map((batch) => batch.length)).toEqual([2, 2, 1]);
  });

  it("redelivers a failed message after its back-off with a growing receive count, before the rest of its group", async () => {
    let failures = 2;
    const { deliver, all } = worker((record) => record.jobId === "a1" && failures-- > 0);
    const backoffMs = jest.fn((attempt: number) => attempt * 5);
    const queue = createQueue({ deliver, backoffMs, maxAttempts: 5 });
    await queue.send([{ jobId: "a1", group: "a" }, { jobId: "a2", group: "a" }]);
    await queue.drain();
    expect(all()).toEqual([
      { jobId: "a1", group: "a", receiveCount: 1 },
      { jobId: "a1", group: "a", receiveCount: 2 },
      { jobId: "a1", group: "a", receiveCount: 3 },
      { jobId: "a2", group: "a", receiveCount: 1 },
    ]);
    expect(backoffMs.mock.calls).toEqual([[1], [2]]);
    expect(queue.deadLetters()).toEqual([]);
  });

  it("redelivers only the messages a partial batch failure names", async () => {
    let failures = 1;
    const { deliver, batches } = worker((record) => record.jobId === "b1" && failures-- > 0);
    const queue = createQueue({ deliver });
    await queue.send([{ jobId: "a1", group: "a" }, { jobId: "b1", group: "b" }, { jobId: "c1", group: "c" }]);
    await queue.drain();
    expect(batches).toEqual([
      [{ jobId: "a1", group: "a", receiveCount: 1 }, { jobId: "b1", group: "b", receiveCount: 1 }, { jobId: "c1", group: "c", receiveCount: 1 }],
      [{ jobId: "b1", group: "b", receiveCount: 2 }],
    ]);
  });

  it("redelivers the whole batch when the worker throws", async () => {
    const { deliver, all, batches } = worker(() => false, { throws: true });
    const logger = silentLogger();
    const queue = createQueue({ deliver, maxAttempts: 2, logger });
    await queue.send([{ jobId: "a1", group: "a" }, { jobId: "b1", group: "b" }]);
    await queue.drain();
    expect(all().map((record) => `${record.jobId}#${record.receiveCount}`)).toEqual(["a1#1", "b1#1", "a1#2", "b1#2"]);
    // Each message backs off on its own timer, so the retries may come in one batch or two;
    // every batch that threw is logged once.
    expect(batches.length).toBeGreaterThanOrEqual(2);
    expect(logger.warn).toHaveBeenCalledTimes(batches.length);
    for (const [, message] of logger.warn.mock.calls) expect(message).toMatch(/The SQS handler threw; every message of the batch will be redelivered/);
    expect(queue.deadLetters().map((letter) => letter.receiveCount)).toEqual([2, 2]);
  });

  it("treats a failure naming a message outside the batch as a failure of the whole batch", async () => {
    const events: SQSEvent[] = [];
    const queue = createQueue({
      maxAttempts: 2,
      deliver: async (event) => {
        events.push(event);
        return { batchItemFailures: events.length === 1 ? [{ itemIdentifier: "not-in-this-batch" }] : [] };
      },
    });
    await queue.send([{ jobId: "a1", group: "a" }]);
    await queue.drain();
    expect(events.map((event) => event.Records.map((record) => record.attributes.ApproximateReceiveCount))).toEqual([["1"], ["2"]]);
  });

  it("moves a message to the dead letters after maxAttempts receives, logs it, and releases its group", async () => {
    const { deliver, all } = worker((record) => record.jobId === "a1");
    const logger = silentLogger();
    const queue = createQueue({ deliver, maxAttempts: 3, logger });
    await queue.send([{ jobId: "a1", group: "a" }, { jobId: "a2", group: "a" }]);
    await queue.drain();
    expect(all().map((record) => `${record.jobId}#${record.receiveCount}`)).toEqual(["a1#1", "a1#2", "a1#3", "a2#1"]);
    expect(queue.deadLetters()).toEqual([
      expect.objectContaining({ body: '{"jobId":"a1"}', group: "a", deduplicationId: "a1", receiveCount: 3 }),
    ]);
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error.mock.calls[0]?.[1]).toMatch(/failed 3 times and moved to the dead letters/);
  });

  it("drops a duplicate sent within five minutes, but not a re-send with a suffix or a send after the window", async () => {
    const { deliver, all } = worker();
    const queue = createQueue({ deliver });
    const start = Date.now();
    const clock = jest.spyOn(Date, "now").mockReturnValue(start);
    await queue.send([{ jobId: "a1", group: "a" }, { jobId: "a1", group: "a" }]);
    await queue.drain();
    clock.mockReturnValue(start + 4 * 60 * 1000);
    await queue.send([{ jobId: "a1", group: "a" }, { jobId: "a1", group: "a", dedupSuffix: "sweep-1" }]);
    await queue.drain();
    clock.mockReturnValue(start + 5 * 60 * 1000);
    await queue.send([{ jobId: "a1", group: "a" }]);
    await queue.drain();
    expect(all().map((record) => record.jobId)).toEqual(["a1", "a1", "a1"]);
  });

  it("drains at once when idle, and only after redeliveries otherwise", async () => {
    let failures = 1;
    const { deliver, all } = worker(() => failures-- > 0);
    const queue = createQueue({ deliver, backoffMs: () => 30 });
    await expect(queue.drain()).resolves.toBeUndefined();
    await queue.send([{ jobId: "a1", group: "a" }]);
    await queue.drain();
    expect(all().map((record) => record.receiveCount)).toEqual([1, 2]);
  });

  it("stops redelivering once closed, and refuses to send or drain afterwards", async () => {
    const { deliver, all } = worker(() => true);
    const queue = createQueue({ deliver, backoffMs: () => 20 });
    await queue.send([{ jobId: "a1", group: "a" }]);
    const draining = queue.drain();
    await new Promise((resolve) => setTimeout(resolve, 10));
    await queue.close();
    await expect(draining).rejects.toThrow(QueueClosedError);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(all()).toHaveLength(1);
    await expect(queue.send([{ jobId: "b1", group: "b" }])).rejects.toThrow(QueueClosedError);
    await expect(queue.drain()).rejects.toThrow(/closed with 1 messages undelivered/);
  });

  it("refuses options SQS would not allow", () => {
    const deliver = async () => ({ batchItemFailures: [] });
    expect(() => new EmbeddedQueue({ deliver, maxAttempts: 0 })).toThrow(RangeError);
    expect(() => new EmbeddedQueue({ deliver, maxAttempts: 3, batchSize: 11 })).toThrow(/batchSize must be a whole number from 1 to 10/);
  });
});

describe("EmbeddedQueue deferrals and fairness", () => {
  const queues: EmbeddedQueue[] = [];
  function createQueue(options: Partial<EmbeddedQueueOptions> & Pick<EmbeddedQueueOptions, "deliver">): EmbeddedQueue {
    const queue = new EmbeddedQueue({ maxAttempts: 2, backoffMs: () => 5, logger: silentLogger(), ...options });
    queues.push(queue);
    return queue;
  }

  afterEach(async () => {
    await Promise.all(queues.splice(0).map((queue) => queue.close()));
    jest.useRealTimers();
  });

  /**
   * A worker that defers `a1` by `seconds` on its first `times` receives (reporting it as a
   * failure, as the worker does), and takes everything else.
   */
  function deferringWorker(queue: () => EmbeddedQueue, options: { times: number; seconds: number; thenFail?: number; throws?: boolean }) {
    const seen: Array<Seen & { at: number }> = [];
    let deferrals = options.times;
    let failures = options.thenFail ?? 0;
    const deliver = async (event: SQSEvent): Promise<SQSBatchResponse> => {
      const failed: string[] = [];
      for (const record of event.Records) {
        seen.push({ ...seen1(record), at: Date.now() });
        if (seen1(record).jobId !== "a1") continue;
        if (deferrals > 0) {
          deferrals -= 1;
          await queue().deferRecord(record.receiptHandle, options.seconds);
          failed.push(record.messageId);
        } else if (failures > 0) {
          failures -= 1;
          failed.push(record.messageId);
        }
      }
      if (options.throws && failed.length > 0) throw new Error("worker crashed after deferring");
      return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
    };
    return { deliver, seen };
  }
  const seen1 = seen;

  it("delivers a deferred record again after its delay, ahead of the rest of its group, and never dead-letters it for that", async () => {
    jest.useFakeTimers({ now: new Date("2024-05-01T10:00:00Z") });
    const start = Date.now();
    const worker = deferringWorker(() => queue, { times: 3, seconds: 30 });
    const queue = createQueue({ deliver: worker.deliver, maxAttempts: 2 });
    await queue.send([{ jobId: "a1", group: "a" }, { jobId: "a2", group: "a" }, { jobId: "b1", group: "b" }]);

    await jest.advanceTimersByTimeAsync(29_900);
    expect(worker.seen.map((record) => `${record.jobId}#${record.receiveCount}`)).toEqual(["a1#1", "b1#1"]);
    await jest.advanceTimersByTimeAsync(200);
    expect(worker.seen.map((record) => `${record.jobId}#${record.receiveCount}`)).toEqual(["a1#1", "b1#1", "a1#2"]);
    await jest.advanceTimersByTimeAsync(60_000);
    const drained = queue.drain();
    await jest.runAllTimersAsync();
    await drained;

    // Seconds after the send (the queue's own scheduling adds a millisecond or two).
    expect(worker.seen.map((record) => [`${record.jobId}#${record.receiveCount}`, Math.floor((record.at - start) / 1000)])).toEqual([
      ["a1#1", 0],
      ["b1#1", 0],
      ["a1#2", 30],
      ["a1#3", 60],
      ["a1#4", 90],
      ["a2#1", 90],
    ]);
    expect(queue.deadLetters()).toEqual([]);
  });

  it("dead-letters a record after maxAttempts failed receives, not counting its deferrals", async () => {
    jest.useFakeTimers();
    const worker = deferringWorker(() => queue, { times: 2, seconds: 1, thenFail: 5 });
    const logger = silentLogger();
    const queue = createQueue({ deliver: worker.deliver, maxAttempts: 2, logger });
    await queue.send([{ jobId: "a1", group: "a" }]);
    const drained = queue.drain();
    await jest.runAllTimersAsync();
    await drained;

    expect(worker.seen.map((record) => record.receiveCount)).toEqual([1, 2, 3, 4]);
    expect(queue.deadLetters()).toEqual([expect.objectContaining({ deduplicationId: "a1", receiveCount: 4, deferrals: 2 })]);
    expect(logger.error.mock.calls[0]?.[1]).toMatch(/failed 2 times and moved to the dead letters/);
  });

  it("keeps a deferral when the worker throws after deferring", async () => {
    jest.useFakeTimers();
    const start = Date.now();
    const worker = deferringWorker(() => queue, { times: 1, seconds: 10, throws: true });
    const queue = createQueue({ deliver: worker.deliver, backoffMs: () => 5 });
    await queue.send([{ jobId: "a1", group: "a" }]);
    const drained = queue.drain();
    await jest.runAllTimersAsync();
    await drained;

    expect(worker.seen.map((record) => Math.floor((record.at - start) / 1000))).toEqual([0, 10]);
  });

  it("deletes a deferred record the worker then reports as done, as SQS does", async () => {
    const seen: string[] = [];
    const queue = createQueue({
      deliver: async (event) => {
        for (const record of event.Records) {
          seen.push(record.messageId);
          await queue.deferRecord(record.receiptHandle, 60);
        }
        return { batchItemFailures: [] };
      },
    });
    await queue.send([{ jobId: "a1", group: "a" }]);
    await queue.drain();
    expect(seen).toHaveLength(1);
  });

  it("refuses to defer a record that is not in flight, and a negative delay", async () => {
    const records: SQSRecord[] = [];
    let negative: unknown;
    const queue = createQueue({
      deliver: async (event) => {
        records.push(...event.Records);
        negative = await queue.deferRecord(event.Records[0]!.receiptHandle, -1).catch((error: unknown) => error);
        return { batchItemFailures: [] };
      },
    });
    await queue.send([{ jobId: "a1", group: "a" }]);
    await queue.drain();
    expect(negative).toBeInstanceOf(RangeError);
    await expect(queue.deferRecord(records[0]!.receiptHandle, 5)).rejects.toThrow(ReceiptHandleError);
    await expect(queue.deferRecord("unknown", 5)).rejects.toThrow(/defer a record only while its batch is being handled/);
  });

  it("holds only the deferred record's own group back", async () => {
    jest.useFakeTimers();
    const worker = deferringWorker(() => queue, { times: 1, seconds: 3600 });
    const queue = createQueue({ deliver: worker.deliver });
    await queue.send([{ jobId: "a1", group: "a" }, { jobId: "a2", group: "a" }, { jobId: "b1", group: "b" }, { jobId: "b2", group: "b" }]);
    await jest.advanceTimersByTimeAsync(1000);
    await queue.send([{ jobId: "c1", group: "c" }]);
    await jest.advanceTimersByTimeAsync(1000);
    expect(worker.seen.map((record) => record.jobId)).toEqual(["a1", "b1", "b2", "c1"]);
  });

  /** Records the group of every delivered record, and sends `n1` of a new group once `after` records were delivered. */
  function backlogWorker(queue: () => EmbeddedQueue, after: number) {
    const groups: string[] = [];
    let sentAt = -1;
    const deliver = async (event: SQSEvent): Promise<SQSBatchResponse> => {
      for (const record of event.Records) groups.push(record.attributes.MessageGroupId ?? "");
      if (sentAt < 0 && groups.length >= after) {
        sentAt = groups.length;
        await queue().send([{ jobId: "n1", group: "new" }]);
      }
      await new Promise((resolve) => setImmediate(resolve));
      return { batchItemFailures: [] };
    };
    /** How often each group was delivered after the new group's message was sent and before it was delivered. */
    const turnsAhead = () => {
      const between = groups.slice(sentAt, groups.indexOf("new"));
      return Object.fromEntries([...new Set(between)].map((group) => [group, between.filter((other) => other === group).length]));
    };
    return { deliver, groups, turnsAhead };
  }

  it("does not let a group with 1000 waiting messages starve a new group", async () => {
    const worker = backlogWorker(() => queue, 5);
    const queue = createQueue({ deliver: worker.deliver });
    await queue.send(Array.from({ length: 1000 }, (_, index) => ({ jobId: `busy-${index}`, group: "busy" })));
    await queue.drain();

    expect(worker.groups).toHaveLength(1001);
    expect(worker.groups.indexOf("new")).toBeLessThanOrEqual(6);
    expect(Object.values(worker.turnsAhead()).every((turns) => turns <= 1)).toBe(true);
  });

  it("gives a new group a turn before any of many busy groups gets a second one, whatever the batch size", async () => {
    const worker = backlogWorker(() => queue, 40);
    const queue = createQueue({ deliver: worker.deliver, batchSize: 10 });
    const busy = Array.from({ length: 25 }, (_, group) => Array.from({ length: 40 }, (_, index) => ({ jobId: `g${group}-${index}`, group: `busy-${group}` })));
    await queue.send(busy.flat());
    await queue.drain();

    expect(worker.groups).toHaveLength(1001);
    expect(Object.values(worker.turnsAhead()).every((turns) => turns <= 1)).toBe(true);
  });
});
