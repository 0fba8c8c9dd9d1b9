import { DeleteMessageCommand, ReceiveMessageCommand, type Message } from "@aws-sdk/client-sqs";
import { deferSeconds, MAX_DEFER_SECONDS } from "../../src/queue/record-deferral";
import { JobQueueSendError, type SqsJobQueue } from "../../src/queue/sqs-job-queue";
import { testFifoQueue } from "../helpers/test-queue";
import { withoutNock } from "../helpers/without-nock";

withoutNock();

// fauxqs, started by the test servers' global setup, implements FIFO groups and deduplication ids.
describe("SqsJobQueue on a FIFO queue", () => {
  let fifo: Awaited<ReturnType<typeof testFifoQueue>>;
  let queue: SqsJobQueue;
  let receiveAll: () => Promise<Message[]>;

  beforeEach(async () => {
    fifo = await testFifoQueue();
    ({ queue, receiveAll } = fifo);
  });

  afterEach(() => fifo.close());

  const summary = (message: Message) => ({
    body: message.Body,
    group: message.Attributes?.MessageGroupId,
    deduplicationId: message.Attributes?.MessageDeduplicationId,
  });

  it("sends each job as a message carrying only its id, grouped and deduplicated by job", async () => {
    // Twelve jobs take two batches of SQS's ten.
    const jobs = Array.from({ length: 12 }, (_, index) => ({ jobId: `job-${index}`, group: `42-pr-${index % 3}` }));
    await queue.send(jobs);
    const received = (await receiveAll()).map(summary);
    expect(received).toHaveLength(12);
    expect(received).toEqual(
      expect.arrayContaining(jobs.map((job) => ({ body: JSON.stringify({ jobId: job.jobId }), group: job.group, deduplicationId: job.jobId }))),
    );
    for (const group of ["42-pr-0", "42-pr-1", "42-pr-2"]) {
      const order = received.filter((message) => message.group === group).map((message) => message.deduplicationId);
      expect(order).toEqual(jobs.filter((job) => job.group === group).map((job) => job.jobId));
    }
  });

  it("groups the jobs of a branch whose name SQS would not take as a group by its hash, keeping their order", async () => {
    const group = `intake-42-branch-${"ünïcode/".repeat(20)}`;
    await queue.send([{ jobId: "first", group }, { jobId: "second", group }]);
    const received = (await receiveAll()).map(summary);
    expect(received.map((message) => message.deduplicationId)).toEqual(["first", "second"]);
    expect(new Set(received.map((message) => message.group))).toEqual(new Set([expect.stringMatching(/^[0-9a-f]{64}$/)]));
  });

  it("drops a second send of the same job within the deduplication window, but not a deliberate re-send", async () => {
    await queue.send([{ jobId: "job-a", group: "42-pr-1" }]);
    await queue.send([{ jobId: "job-a", group: "42-pr-1" }]);
    await queue.send([{ jobId: "job-a", group: "42-pr-1", dedupSuffix: "sweep-2024-05-01T10:00:00.000Z" }]);
    expect((await receiveAll()).map(summary)).toEqual([
      { body: '{"jobId":"job-a"}', group: "42-pr-1", deduplicationId: "job-a" },
      { body: '{"jobId":"job-a"}', group: "42-pr-1", deduplicationId: "job-a-sweep-2024-05-01T10:00:00.000Z" },
    ]);
  });

  it("throws naming the jobs SQS refused, after sending the others", async () => {
    const sending = queue.send([
      { jobId: "job-ok", group: "42-pr-1" },
      { jobId: "job-without-group", group: "" },
    ]);
    await expect(sending).rejects.toThrow(JobQueueSendError);
    await expect(sending).rejects.toThrow(/SQS did not queue 1 of 2 jobs: job-without-group \(MissingParameter: /);
    expect((await receiveAll()).map(summary)).toEqual([{ body: '{"jobId":"job-ok"}', group: "42-pr-1", deduplicationId: "job-ok" }]);
  });

  it("sends nothing for an empty list", async () => {
    await queue.send([]);
    expect(await receiveAll()).toEqual([]);
  });
});

describe("SqsJobQueue deferring a received record", () => {
  let fifo: Awaited<ReturnType<typeof testFifoQueue>>;

  beforeEach(async () => {
    fifo = await testFifoQueue();
  });
  afterEach(() => fifo.close());

  /** One receive, without deleting, as Lambda's poller does. */
  async function receive(): Promise<Message[]> {
    const { Messages = [] } = await fifo.client.send(
      new ReceiveMessageCommand({ QueueUrl: fifo.queueUrl, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ["All"], WaitTimeSeconds: 0 }),
    );
    return Messages;
  }
  const jobIds = (messages: Message[]) => messages.map((message) => JSON.parse(message.Body ?? "{}").jobId as string);

  it("hands the record out again once its delay has passed, its group waiting meanwhile and other groups not", async () => {
    await fifo.queue.send([{ jobId: "a1", group: "42-pr-1" }, { jobId: "a2", group: "42-pr-1" }]);
    const [first] = await receive();
    expect(jobIds([first!])).toEqual(["a1"]);
    await fifo.queue.deferRecord(first!.ReceiptHandle!, 1);

    await fifo.queue.send([{ jobId: "b1", group: "42-pr-2" }]);
    expect(jobIds(await receive())).toEqual(["b1"]);

    await new Promise((resolve) => setTimeout(resolve, 1200));
    const again = await receive();
    expect(jobIds(again)[0]).toBe("a1");
    expect(again[0]?.Attributes?.ApproximateReceiveCount).toBe("2");
  });

  it("hands the record out again at once for a delay of 0, and takes a delay past SQS's maximum as the maximum", async () => {
    await fifo.queue.send([{ jobId: "a1", group: "42-pr-1" }]);
    const [first] = await receive();
    await fifo.queue.deferRecord(first!.ReceiptHandle!, 0);
    const [second] = await receive();
    expect(jobIds([second!])).toEqual(["a1"]);

    await expect(fifo.queue.deferRecord(second!.ReceiptHandle!, 24 * 60 * 60)).resolves.toBeUndefined();
    expect(await receive()).toEqual([]);
  });

  it("fails for a record that is no longer in flight", async () => {
    await fifo.queue.send([{ jobId: "a1", group: "42-pr-1" }]);
    const [first] = await receive();
    await fifo.client.send(new DeleteMessageCommand({ QueueUrl: fifo.queueUrl, ReceiptHandle: first!.ReceiptHandle }));
    await expect(fifo.queue.deferRecord(first!.ReceiptHandle!, 5)).rejects.toThrow();
  });
});

describe("deferSeconds", () => {
  it("rounds up to whole seconds, caps at what SQS allows after a worker's run, and refuses negative delays", () => {
    expect(deferSeconds(2.1)).toBe(3);
    expect(deferSeconds(0)).toBe(0);
    expect(deferSeconds(10 ** 6)).toBe(MAX_DEFER_SECONDS);
    expect(MAX_DEFER_SECONDS).toBeLessThan(43_200);
    expect(() => deferSeconds(-1)).toThrow(RangeError);
    expect(() => deferSeconds(Number.NaN)).toThrow(RangeError);
  });
});
