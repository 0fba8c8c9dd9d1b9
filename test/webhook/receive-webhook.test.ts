import { JOB_KINDS } from "../../src/job-kinds";
import { randomUUID } from "node:crypto";
import { slipwayApp } from "../../src/app";
import type { JobQueue } from "../../src/queue/job-queue";
import type { Stores } from "../../src/store/stores";
import { probotReceive, receiveWebhook, type WebhookRequest } from "../../src/webhook/receive-webhook";
import { testProbot } from "../helpers/test-probot";
import { testFifoQueue } from "../helpers/test-queue";
import { testStores } from "../helpers/test-stores";
import { pullRequestPayload, signedHeaders } from "../helpers/webhook-fixtures";

// The webhook path end to end in one process: Probot verifies, the app plans and records jobs
// in DynamoDB Local and queues them on a FIFO queue (fauxqs). The network is closed to
// anything but loopback, so a GitHub call from this path would fail the test.
describe("the webhook endpoint", () => {
  let stores: Stores;
  let closeStores: () => void;
  let fifo: Awaited<ReturnType<typeof testFifoQueue>>;

  beforeAll(async () => {
    ({ stores, close: closeStores } = await testStores());
  });
  afterAll(() => closeStores());
  beforeEach(async () => {
    fifo = await testFifoQueue();
  });
  afterEach(() => fifo.close());

  async function endpoint(queue: JobQueue = fifo.queue) {
    const probot = testProbot();
    await probot.load(slipwayApp({ ...stores, queue, kinds: JOB_KINDS }));
    return receiveWebhook(probotReceive(probot), probot.log);
  }

  function delivery(action: "opened" | "closed", overrides: { delivery?: string; secret?: string; number?: number } = {}): WebhookRequest {
    const payload = pullRequestPayload(action);
    if (overrides.number) payload.pull_request.number = overrides.number;
    const body = JSON.stringify(payload);
    return { headers: signedHeaders("pull_request", body, overrides), body };
  }

  it("records a preview job and queues its id, grouped by pull request", async () => {
    const response = await (await endpoint())(delivery("opened", { number: 101 }));
    expect(response.statusCode).toBe(200);

    const messages = await fifo.receiveAll();
    expect(messages).toHaveLength(1);
    const { jobId } = JSON.parse(messages[0]!.Body!) as { jobId: string };
    expect(messages[0]!.Attributes?.MessageGroupId).toBe("186853002-pr-101");
    const record = await stores.jobs.get(jobId);
    expect(record).toMatchObject({ state: "queued", attempts: 0, job: { kind: "preview", pullNumber: 101 } });
    expect(await stores.pullRequests.get("Codertocat", "Hello-World", 101)).toMatchObject({ state: "open" });
  });

  it("processes a redelivered delivery id once", async () => {
    const webhook = await endpoint();
    const request = delivery("opened", { number: 102, delivery: randomUUID() });
    expect((await webhook(request)).statusCode).toBe(200);
    expect((await webhook(request)).statusCode).toBe(200);
    expect(await fifo.receiveAll()).toHaveLength(1);
  });

  it("refuses a forged signature with 401 and records nothing", async () => {
    const request = delivery("opened", { number: 103, secret: "not-the-secret" });
    const response = await (await endpoint())(request);
    expect(response.statusCode).toBe(401);
    expect(JSON.parse(response.body).message).toMatch(/signature does not match/i);
    expect(await fifo.receiveAll()).toHaveLength(0);
    expect(await stores.pullRequests.get("Codertocat", "Hello-World", 103)).toBeUndefined();
  });

  it("refuses an unsigned request with 400", async () => {
    const request = delivery("opened", { number: 104 });
    delete request.headers["x-hub-signature-256"];
    const response = await (await endpoint())(request);
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body).message).toMatch(/x-hub-signature-256/);
    expect(await fifo.receiveAll()).toHaveLength(0);
  });

  it("answers 500 when the job cannot be queued, and processes GitHub's redelivery", async () => {
    const broken: JobQueue = { send: () => Promise.reject(new Error("SQS is unavailable")) };
    const request = delivery("opened", { number: 105, delivery: randomUUID() });
    const failed = await (await endpoint(broken))(request);
    expect(failed.statusCode).toBe(500);
    expect(failed.body).not.toMatch(/SQS is unavailable/);

    expect((await (await endpoint())(request)).statusCode).toBe(200);
    expect(await fifo.receiveAll()).toHaveLength(1);
  });

  it("queues a teardown when the pull request closes", async () => {
    await (await endpoint())(delivery("closed", { number: 106 }));
    const [message] = await fifo.receiveAll();
    const record = await stores.jobs.get((JSON.parse(message!.Body!) as { jobId: string }).jobId);
    expect(record?.job).toMatchObject({ kind: "teardown", reason: "closed", pullNumber: 106 });
  });
});
