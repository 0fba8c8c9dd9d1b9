import type { Message } from "@aws-sdk/client-sqs";
import { JobQueueSendError, type SqsJobQueue } from "../../src/queue/sqs-job-queue";
import { testFifoQueue } from "../helpers/test-queue";

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
