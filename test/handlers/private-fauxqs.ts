import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { connect, createServer } from "node:net";
import { join } from "node:path";
import { CreateQueueCommand, DeleteMessageCommand, ReceiveMessageCommand, SQSClient, type Message } from "@aws-sdk/client-sqs";
import { SqsJobQueue } from "../../src/queue/sqs-job-queue";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/**
 * A fauxqs of this test file's own, with one FIFO queue. The shared server names its queues
 * `http://sqs.<region>.127.0.0.1:<port>/…`, which is not a valid URL (a host ending in a number
 * must be an IPv4 address), so the environment schema rightly refuses it as SLIPWAY_QUEUE_URL,
 * and fauxqs knows a queue only by that exact string. Without a configured host, fauxqs names
 * queues after the address they were created through: `http://127.0.0.1:<port>/…`.
 */
export async function startPrivateFifoQueue() {
  const port = await freePort();
  // fauxqs exports only an ES module entry, which `require.resolve` cannot name.
  const cli = join(__dirname, "..", "..", "node_modules", "fauxqs", "dist", "cli.js");
  const child = spawn(process.execPath, [cli], { stdio: "ignore", env: { ...process.env, FAUXQS_PORT: String(port), FAUXQS_HOST: "", FAUXQS_LOGGER: "false" } });
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  };
  const deadline = Date.now() + 15000;
  while (!(await isListening(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`fauxqs did not listen on port ${port}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  const endpoint = `http://127.0.0.1:${port}`;
  const client = new SQSClient({ endpoint, region: "us-east-1" });
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
    endpoint,
    queueUrl,
    queue: new SqsJobQueue({ client, queueUrl }),
    receiveAll,
    async close() {
      client.destroy();
      await stop();
    },
  };
}
