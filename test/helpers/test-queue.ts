import { randomUUID } from "node:crypto";
import { CreateQueueCommand, DeleteMessageCommand, DeleteQueueCommand, ReceiveMessageCommand, SQSClient, type Message } from "@aws-sdk/client-sqs";
import { SqsJobQueue } from "../../src/queue/sqs-job-queue";

/** A fresh FIFO queue on fauxqs (started by the test servers' global setup) and its producer. */
export async function testFifoQueue() {
  const client = new SQSClient({ endpoint: process.env.TEST_SQS_ENDPOINT, region: "us-east-1" });
  const created = await client.send(
    new CreateQueueCommand({ QueueName: `slipway-test-${randomUUID()}.fifo`, Attributes: { FifoQueue: "true", ContentBasedDeduplication: "false" } }),
  );
  const queueUrl = created.QueueUrl;
  if (!queueUrl) throw new Error("fauxqs returned no queue URL");

  /** Receives (and deletes) every message the queue has now. */
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

  return {
    client,
    endpoint: process.env.TEST_SQS_ENDPOINT ?? "",
    queueUrl,
    queue: new SqsJobQueue({ client, queueUrl }),
    receiveAll,
    async close() {
      await client.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
      client.destroy();
    },
  };
}
