import { SECRET_PARAMETERS } from "../../src/config/secret-parameters";
import { createHmac } from "node:crypto";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import nock from "nock";
import { malformedDeliveries } from "../helpers/malformed-deliveries";
import { startFakeSsm } from "../helpers/ssm-api";
import { testPrivateKey } from "../helpers/test-probot";
import { pullRequestPayload, signedHeaders, WEBHOOK_SECRET } from "../helpers/webhook-fixtures";
import { lambdaEventFixture, lambdaTestEnv, loadHandler, watchOutboundRequests } from "./lambda-env";
import type * as HandlerModule from "../../handlers/webhook";

// The webhook Lambda as deployed: the entry in handlers/ wired by its environment variables to
// DynamoDB Local, a FIFO queue on fauxqs and s3rver, fed API Gateway HTTP API (2.0) events.
describe("the webhook Lambda handler", () => {
  let aws: Awaited<ReturnType<typeof lambdaTestEnv>>;
  let handler: typeof HandlerModule.handler;
  let closeRuntime: () => Promise<void>;
  let outbound: ReturnType<typeof watchOutboundRequests>;

  beforeAll(async () => {
    aws = await lambdaTestEnv();
    ({ handler, closeRuntime } = loadHandler<typeof HandlerModule.handler>("webhook"));
  });
  afterAll(async () => {
    await closeRuntime();
    await aws.close();
  });
  beforeEach(() => {
    outbound = watchOutboundRequests();
  });
  afterEach(async () => {
    outbound.stop();
    // Every test ends with an empty queue, so the next one counts only its own messages.
    await aws.fifo.receiveAll();
  });

  function webhookEvent(pullNumber: number, options: { secret?: string; base64?: boolean } = {}): APIGatewayProxyEventV2 {
    const payload = pullRequestPayload("opened");
    payload.number = pullNumber;
    payload.pull_request.number = pullNumber;
    return signedEvent("pull_request", JSON.stringify(payload), options);
  }

  function signedEvent(name: string, body: string, options: { secret?: string; base64?: boolean } = {}): APIGatewayProxyEventV2 {
    const signed = signedHeaders(name, body, { secret: options.secret });
    const sha1 = createHmac("sha1", options.secret ?? WEBHOOK_SECRET).update(body).digest("hex");
    const event = lambdaEventFixture<APIGatewayProxyEventV2>("apigateway", "webhook-request");
    event.headers = {
      ...event.headers,
      "content-length": String(Buffer.byteLength(body)),
      "x-github-event": name,
      "x-github-delivery": signed["x-github-delivery"],
      "x-hub-signature": `sha1=${sha1}`,
      "x-hub-signature-256": signed["x-hub-signature-256"],
    };
    event.body = options.base64 ? Buffer.from(body).toString("base64") : body;
    event.isBase64Encoded = options.base64 ?? false;
    return event;
  }

  async function queuedJobs() {
    const messages = await aws.fifo.receiveAll();
    return Promise.all(messages.map(async (message) => aws.stores.jobs.get((JSON.parse(message.Body ?? "{}") as { jobId: string }).jobId)));
  }

  it("answers 200 to a signed delivery and queues its intake, without calling GitHub", async () => {
    const response = await handler(webhookEvent(201));

    expect(response).toMatchObject({ statusCode: 200, headers: { "content-type": "application/json" } });
    expect(JSON.parse(response.body ?? "")).toEqual({ message: "ok" });
    const jobs = await queuedJobs();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ state: "queued", job: { kind: "intake", jobs: [{ kind: "preview", pullNumber: 201, repository: { owner: "Codertocat", repo: "Hello-World" } }] } });
    expect(outbound.hosts).toEqual([]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("accepts a body API Gateway passed base64-encoded", async () => {
    const response = await handler(webhookEvent(202, { base64: true }));

    expect(response.statusCode).toBe(200);
    const jobs = await queuedJobs();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.job).toMatchObject({ kind: "intake", jobs: [{ kind: "preview", pullNumber: 202 }] });
    expect(outbound.hosts).toEqual([]);
  });

  it("accepts header names in any case", async () => {
    const event = webhookEvent(203);
    event.headers = Object.fromEntries(
      Object.entries(event.headers).map(([name, value]) => [name.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase()), value]),
    );
    expect(event.headers["X-Hub-Signature-256"]).toBeDefined();

    expect((await handler(event)).statusCode).toBe(200);
    expect(await queuedJobs()).toHaveLength(1);
  });

  it("refuses a forged signature with 401 and a JSON message, and queues nothing", async () => {
    const response = await handler(webhookEvent(204, { secret: "not-the-webhook-secret" }));

    expect(response).toMatchObject({ statusCode: 401, headers: { "content-type": "application/json" } });
    expect(JSON.parse(response.body ?? "").message).toMatch(/signature does not match/i);
    expect(await queuedJobs()).toHaveLength(0);
    expect(await aws.stores.pullRequests.get("Codertocat", "Hello-World", 204)).toBeUndefined();
    expect(outbound.hosts).toEqual([]);
  });

  it("refuses a delivery without a signature header with 400, and queues nothing", async () => {
    const event = webhookEvent(205);
    delete event.headers["x-hub-signature-256"];
    delete event.headers["x-hub-signature"];

    const response = await handler(event);

    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body ?? "").message).toMatch(/x-hub-signature-256/);
    expect(await queuedJobs()).toHaveLength(0);
    expect(outbound.hosts).toEqual([]);
  });

  it.each(malformedDeliveries())("answers $name with 400 saying what is wrong, and queues nothing", async ({ event, body, says, pullNumber }) => {
    const response = await handler(signedEvent(event, body));

    expect(response).toMatchObject({ statusCode: 400, headers: { "content-type": "application/json" } });
    expect(JSON.parse(response.body ?? "").message).toMatch(says);
    expect(await queuedJobs()).toHaveLength(0);
    if (pullNumber) expect(await aws.stores.pullRequests.get("Codertocat", "Hello-World", pullNumber)).toBeUndefined();
    expect(outbound.hosts).toEqual([]);
  });
});

// As deployed: the function's environment names only where the secrets are; it reads the
// private key, webhook secret and sealing key from SSM Parameter Store once, at cold start.
describe("the webhook Lambda handler with its secrets in SSM", () => {
  let aws: Awaited<ReturnType<typeof lambdaTestEnv>>;
  let handler: typeof HandlerModule.handler;
  let closeRuntime: () => Promise<void>;
  let ssm: Awaited<ReturnType<typeof startFakeSsm>>;

  beforeAll(async () => {
    ssm = await startFakeSsm(
      new Map([
        ["/slipway/test/private-key", testPrivateKey()],
        ["/slipway/test/webhook-secret", WEBHOOK_SECRET],
        ["/slipway/test/sealing-key", "c2VhbGluZy1rZXktb2YtMzItYnl0ZXMtZXhhY3RseSE="],
        ["/slipway/test/session-key", "c2Vzc2lvbi1rZXktb2YtMzItYnl0ZXMtZXhhY3RseSE"],
      ]),
    );
    aws = await lambdaTestEnv({ SLIPWAY_SECRETS_PATH: "/slipway/test", SSM_ENDPOINT: ssm.endpoint, PRIVATE_KEY: "", WEBHOOK_SECRET: "" });
    ({ handler, closeRuntime } = loadHandler<typeof HandlerModule.handler>("webhook"));
  });
  afterAll(async () => {
    await closeRuntime();
    await aws.close();
    await ssm.close();
  });

  function signed(pullNumber: number): APIGatewayProxyEventV2 {
    const payload = pullRequestPayload("opened");
    payload.pull_request.number = pullNumber;
    const body = JSON.stringify(payload);
    const event = lambdaEventFixture<APIGatewayProxyEventV2>("apigateway", "webhook-request");
    event.headers = { ...event.headers, ...signedHeaders("pull_request", body) };
    event.body = body;
    event.isBase64Encoded = false;
    return event;
  }

  it("verifies deliveries with the webhook secret read from SSM at cold start, reading it once", async () => {
    expect((await handler(signed(301))).statusCode).toBe(200);
    expect((await handler(signed(302))).statusCode).toBe(200);

    expect(ssm.calls.map((call) => call.target)).toEqual(["AmazonSSM.GetParameters"]);
    expect(ssm.calls[0]?.body).toEqual({ Names: SECRET_PARAMETERS.map(({ name }) => `/slipway/test/${name}`), WithDecryption: true });
    expect((await aws.fifo.receiveAll()).length).toBe(2);
  });
});

