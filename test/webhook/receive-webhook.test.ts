import { JOB_SHAPES } from "../../src/job-shapes";
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { slipwayApp } from "../../src/app";
import { intakeJobId } from "../../src/jobs/intake/intake-job";
import { createLocalServer } from "../../src/local/http-server";
import type { JobQueue } from "../../src/queue/job-queue";
import type { Stores } from "../../src/store/stores";
import { probotReceiver, receiveWebhook, type WebhookRequest } from "../../src/webhook/receive-webhook";
import { createWebhookProbot } from "../../src/runtime/webhook-probot";
import { capturedLog } from "../helpers/captured-log";
import { malformedDeliveries } from "../helpers/malformed-deliveries";
import { testFifoQueue } from "../helpers/test-queue";
import { testStores } from "../helpers/test-stores";
import { pullRequestPayload, signedHeaders, WEBHOOK_SECRET } from "../helpers/webhook-fixtures";

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
    const probot = createWebhookProbot({ WEBHOOK_SECRET, LOG_LEVEL: "fatal" });
    await probot.load(slipwayApp({ ...stores, queue, kinds: JOB_SHAPES }));
    return receiveWebhook(probotReceiver(probot), probot.log);
  }

  function delivery(action: "opened" | "closed", overrides: { delivery?: string; secret?: string; number?: number } = {}): WebhookRequest {
    const payload = pullRequestPayload(action);
    if (overrides.number) payload.pull_request.number = overrides.number;
    const body = JSON.stringify(payload);
    return { headers: signedHeaders("pull_request", body, overrides), body };
  }

  it("records the delivery's intake, with its preview job and head, and queues it beside the pull request's group", async () => {
    const id = randomUUID();
    const response = await (await endpoint())(delivery("opened", { number: 101, delivery: id }));
    expect(response.statusCode).toBe(200);

    const messages = await fifo.receiveAll();
    expect(messages).toHaveLength(1);
    const { jobId } = JSON.parse(messages[0]!.Body!) as { jobId: string };
    expect(jobId).toBe(intakeJobId(id));
    expect(messages[0]!.Attributes?.MessageGroupId).toBe("intake-186853002-pr-101");
    const record = await stores.jobs.get(jobId);
    expect(record).toMatchObject({
      state: "queued",
      attempts: 0,
      job: { kind: "intake", deliveryId: id, event: "pull_request", jobs: [{ kind: "preview", pullNumber: 101 }], pullRequest: { pullNumber: 101, state: "open" } },
    });
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
    expect(record?.job).toMatchObject({ kind: "intake", jobs: [{ kind: "teardown", reason: "closed", pullNumber: 106 }] });
  });
});

// The local server as `npm start` runs it: the HTTP server, Probot's verification and the app,
// with every log line the endpoint and Probot write kept for the test to read.
describe("deliveries the local server refuses", () => {
  let stores: Stores;
  let closeStores: () => void;
  let fifo: Awaited<ReturnType<typeof testFifoQueue>>;
  let captured: ReturnType<typeof capturedLog>;
  let url: string;
  let server: ReturnType<typeof createLocalServer>;

  beforeAll(async () => {
    ({ stores, close: closeStores } = await testStores());
    fifo = await testFifoQueue();
  });
  afterAll(async () => {
    closeStores();
    await fifo.close();
  });
  beforeEach(async () => {
    captured = capturedLog();
    const probot = createWebhookProbot({ WEBHOOK_SECRET, LOG_LEVEL: "info" }, { log: captured.log });
    await probot.load(slipwayApp({ ...stores, queue: fifo.queue, kinds: JOB_SHAPES }));
    server = createLocalServer({
      webhookPath: "/api/github/webhooks",
      webhook: receiveWebhook(probotReceiver(probot), captured.log),
      sitePath: "/sites",
      site: async () => ({ status: 404, headers: {}, body: Buffer.alloc(0) }),
      publicKey: () => ({ statusCode: 404, headers: {}, body: "" }),
      log: captured.log,
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`;
  });
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  async function post(event: string, body: string, options: { secret?: string; delivery?: string } = {}) {
    const response = await fetch(url, { method: "POST", headers: signedHeaders(event, body, options), body });
    return { status: response.status, message: ((await response.json()) as { message: string }).message };
  }

  it("logs a forged delivery as one line with its delivery id, event and reason, without the body", async () => {
    const delivery = randomUUID();
    const payload = pullRequestPayload("opened");
    payload.pull_request.number = 8001;
    const response = await post("pull_request", JSON.stringify(payload), { secret: "not-the-secret", delivery });

    expect(response.status).toBe(401);
    expect(captured.lines).toEqual([expect.objectContaining({ level: 40, msg: `refused webhook delivery ${delivery} (pull_request) with 401: signature does not match` })]);
    expect(captured.text()).not.toContain("Hello-World");
    expect(captured.text()).not.toContain("stack");
    expect(await fifo.receiveAll()).toHaveLength(0);
    expect(await stores.pullRequests.get("Codertocat", "Hello-World", 8001)).toBeUndefined();
  });

  it("answers a signed body that is not JSON with 400, in one log line", async () => {
    const response = await post("pull_request", "{not json");

    expect(response).toEqual({ status: 400, message: "The body is not valid JSON." });
    expect(captured.lines).toEqual([expect.objectContaining({ msg: expect.stringMatching(/^refused webhook delivery [\w-]+ \(pull_request\) with 400: the body is not JSON$/) })]);
  });

  it.each(malformedDeliveries())("answers $name with 400 saying what is wrong, records nothing and logs one line", async ({ event, body, says, pullNumber }) => {
    const delivery = randomUUID();
    const response = await post(event, body, { delivery });

    expect(response.status).toBe(400);
    expect(response.message).toMatch(says);
    expect(captured.lines).toHaveLength(1);
    expect(captured.lines[0]).toMatchObject({ level: 40, msg: expect.stringMatching(new RegExp(`^refused webhook delivery ${delivery} \\(${event}\\) with 400: .*${says.source}`)) });
    expect(await fifo.receiveAll()).toHaveLength(0);
    if (pullNumber) expect(await stores.pullRequests.get("Codertocat", "Hello-World", pullNumber)).toBeUndefined();
    // The delivery is not recorded: were it fixed and redelivered, it would be processed.
    expect(await stores.jobs.get(intakeJobId(delivery))).toBeUndefined();
  });

  it.each([
    ["pull_request", "pull_request.opened"],
    ["issue_comment", "issue_comment.created"],
    ["push", "push"],
  ])("still accepts a recorded %s delivery", async (event, fixture) => {
    const body = readFileSync(join(__dirname, "..", "..", "fixtures", "webhooks", `${fixture}.json`), "utf8");
    expect((await post(event, body)).status).toBe(200);
    expect(captured.lines.filter((line) => String(line.msg).startsWith("refused"))).toEqual([]);
    await fifo.receiveAll();
  });
});

