import { randomUUID } from "node:crypto";
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  ReceiveMessageCommand,
  SQSClient,
  type Message,
} from "@aws-sdk/client-sqs";
import { JobQueueSendError, SqsJobQueue } from "../../src/queue/sqs-job-queue";

// fauxqs, started by the test servers' global setup, implements FIFO groups and deduplication ids.
describe("SqsJobQueue on a FIFO queue", () => {
  let client: SQSClient;
  let queueUrl: string;
  let queue: SqsJobQueue;

  beforeAll(() => {
    client = new SQSClient({ endpoint: process.env.TEST_SQS_ENDPOINT, region: "us-east-1" });
  });

  afterAll(() => client.destroy());

  beforeEach(async () => {
    const created = await client.send(
      new CreateQueueCommand({
        QueueName: `slipway-test-${randomUUID()}.fifo`,
        Attributes: { FifoQueue: "true", ContentBasedDeduplication: "false" },
      }),
    );
    if (!created.QueueUrl) throw new Error("fauxqs returned no queue URL");
    queueUrl = created.QueueUrl;
    queue = new SqsJobQueue({ client, queueUrl });
  });

  afterEach(async () => {
    await client.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
  });

  /** Receives (and deletes) until the queue has nothing more to give. */
  async function receiveAll(): Promise<Message[]> {
    const received: Message[] = [];
    for (;;) {
      const { Messages = [] } = await client.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ["All"], WaitTimeSeconds: 0 }),
      );
      if (Messages.length === 0) return received;
      for (const message of Messages) {
        received.push(message);
        await client.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
      }
    }
  }

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
