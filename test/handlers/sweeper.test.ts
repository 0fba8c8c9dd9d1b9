import nock from "nock";
import type { EnvironmentRecord } from "../../src/model/records";
import { lambdaTestEnv, loadHandler, watchOutboundRequests } from "./lambda-env";
import type * as HandlerModule from "../../handlers/sweeper";

const DAY = 24 * 60 * 60 * 1000;

// The scheduled sweeper Lambda as deployed: its entry in handlers/, wired by its environment
// variables to DynamoDB Local and a FIFO queue.
describe("the sweeper Lambda handler", () => {
  let aws: Awaited<ReturnType<typeof lambdaTestEnv>>;
  let handler: typeof HandlerModule.handler;
  let closeRuntime: () => Promise<void>;

  beforeAll(async () => {
    aws = await lambdaTestEnv();
    ({ handler, closeRuntime } = loadHandler<typeof HandlerModule.handler>("sweeper"));
  });
  afterAll(async () => {
    await closeRuntime();
    await aws.close();
  });

  function preview(pullNumber: number, expiresAt: Date): EnvironmentRecord {
    const sha = "d".repeat(40);
    return {
      installationId: 3,
      repoId: 9001,
      owner: "octo",
      repo: "blog",
      name: `pr-${pullNumber}`,
      state: "active",
      sha,
      buildKey: `${sha}-public`,
      spa: false,
      sourceAt: new Date(expiresAt.getTime() - 7 * DAY).toISOString(),
      pullNumber,
      url: `https://previews.example.test/sites/octo/blog/pr-${pullNumber}/`,
      expiresAt: expiresAt.toISOString(),
      updatedAt: new Date(expiresAt.getTime() - 7 * DAY).toISOString(),
    };
  }

  it("queues a teardown for the expired preview only, and asks GitHub, as the app, only for its webhook deliveries", async () => {
    const expiredAt = new Date(Date.now() - 60 * 60 * 1000);
    await aws.stores.environments.point(preview(5, expiredAt));
    await aws.stores.environments.point(preview(6, new Date(Date.now() + DAY)));
    const deliveries = nock("https://api.github.com", { reqheaders: { authorization: (value) => /^bearer \S+\.\S+\.\S+$/i.test(value) } })
      .get("/app/hook/deliveries")
      .query(true)
      .reply(200, []);
    const outbound = watchOutboundRequests();

    const result = await handler();

    outbound.stop();
    deliveries.done();
    expect(result).toEqual({ expired: 1, requeued: 0, abandoned: 0, redelivered: 0 });
    const messages = await aws.fifo.receiveAll();
    expect(messages).toHaveLength(1);
    expect(messages[0]?.Attributes?.MessageGroupId).toBe("9001-pr-5");
    const record = await aws.stores.jobs.get((JSON.parse(messages[0]?.Body ?? "{}") as { jobId: string }).jobId);
    expect(record).toMatchObject({
      state: "queued",
      job: { kind: "teardown", reason: "expired", pullNumber: 5, eventAt: expiredAt.toISOString(), repository: { installationId: 3, repoId: 9001, owner: "octo", repo: "blog" } },
    });
    expect(outbound.hosts).toEqual([]);
  });
});
