import nock from "nock";
import { JOB_SHAPES } from "../../src/job-shapes";
import { createAppOctokit } from "../../src/runtime/app-octokit";
import type { Stores } from "../../src/store/stores";
import { reconcileDeliveries, type ReconcileLimits } from "../../src/sweeper/reconcile-deliveries";
import { acceptDelivery } from "../../src/webhook/accept-delivery";
import { planPullRequest } from "../../src/webhook/plan-pull-request";
import { API, apiFixture } from "../helpers/github-api";
import { TEST_APP_ID, testPrivateKey } from "../helpers/test-probot";
import { testStores } from "../helpers/test-stores";
import { pullRequestPayload } from "../helpers/webhook-fixtures";

const NOW = new Date("2024-05-04T12:00:00.000Z");
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

type DeliveryJson = Record<string, unknown>;
const [documented] = apiFixture<DeliveryJson[]>("app-hook-deliveries");

/** One attempt, in the documented shape: `ago` before NOW, answered with `statusCode`. */
function attempt(id: number, guid: string, ago: number, statusCode: number, extra: DeliveryJson = {}): DeliveryJson {
  return {
    ...documented,
    id,
    guid,
    delivered_at: new Date(NOW.getTime() - ago).toISOString().replace(".000Z", "Z"),
    redelivery: false,
    status: statusCode === 200 ? "OK" : statusCode === 502 ? "failed to connect" : `Invalid HTTP Response: ${statusCode}`,
    status_code: statusCode,
    event: "pull_request",
    action: "synchronize",
    throttled_at: null,
    ...extra,
  };
}

/**
 * GitHub's pages of deliveries, newest first, linked by cursor. With `more`, the last page given
 * links to one more (older) page, which the reconciler must not read.
 */
function deliveryPages(pages: DeliveryJson[][], options: { more?: boolean } = {}): nock.Scope {
  const scope = nock(API);
  pages.forEach((page, index) => {
    const query = index === 0 ? { per_page: "100" } : { per_page: "100", cursor: `v1_page${index}` };
    const next = index < pages.length - 1 || options.more;
    scope
      .get("/app/hook/deliveries")
      .query(query)
      .reply(200, page, next ? { link: `<${API}/app/hook/deliveries?per_page=100&cursor=v1_page${index + 1}>; rel="next"` } : {});
  });
  return scope;
}

function rateLimited(scope: nock.Interceptor, headers: Record<string, string>): nock.Scope {
  return scope.reply(
    403,
    { message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.", documentation_url: "https://docs.github.com/rest" },
    headers,
  );
}

describe("reconcileDeliveries", () => {
  let stores: Stores;
  let close: () => void;
  const github = () => createAppOctokit({ appId: TEST_APP_ID, privateKey: testPrivateKey() });
  const log = { info: jest.fn(), warn: jest.fn() };
  const paused: number[] = [];
  const run = (now = NOW, limits: Partial<ReconcileLimits> = {}) =>
    reconcileDeliveries(
      { github: github(), jobs: stores.jobs, redeliveries: stores.redeliveries, log, limits, sleep: async (ms) => void paused.push(ms) },
      now,
    );

  beforeEach(async () => {
    ({ stores, close } = await testStores());
    paused.length = 0;
  });
  afterEach(() => close());

  it("redelivers, oldest first and a second apart, each event of the last 3 days with no successful attempt that Slipway never recorded", async () => {
    // Recorded by the webhook path, as an intake job.
    const queue = { send: async () => undefined };
    await acceptDelivery({ ...stores, queue, kinds: JOB_SHAPES }, { id: "guid-recorded", event: "pull_request" }, planPullRequest(pullRequestPayload("opened")), NOW);
    const pages = deliveryPages(
      [
        [
          attempt(110, "guid-ok", 10 * MINUTE, 200),
          attempt(109, "guid-recorded", 20 * MINUTE, 502),
          attempt(108, "guid-missed-2", 30 * MINUTE, 502),
          attempt(107, "guid-retried", 40 * MINUTE, 200, { redelivery: true }),
        ],
        [
          attempt(105, "guid-missed-1", 2 * DAY, 500, { redelivery: true }),
          attempt(104, "guid-missed-1", 2 * DAY + MINUTE, 503),
          attempt(103, "guid-retried", 2 * DAY + 2 * MINUTE, 503),
          attempt(102, "guid-too-old", 3 * DAY + MINUTE, 500),
        ],
      ],
      { more: true },
    );
    const redeliveries = nock(API).post("/app/hook/deliveries/105/attempts").reply(202, {}).post("/app/hook/deliveries/108/attempts").reply(202, {});

    const result = await run();

    expect(result).toEqual({ listed: 7, redelivered: ["guid-missed-1", "guid-missed-2"], pending: 0, watermark: 110 });
    expect(paused).toEqual([1000]);
    expect(await stores.redeliveries.watermark()).toEqual({ deliveryId: 110, deliveredAt: "2024-05-04T11:50:00.000Z" });
    pages.done();
    redeliveries.done();
  });

  it("pages only back to the watermark, and never redelivers an event twice", async () => {
    await stores.redeliveries.advanceWatermark({ deliveryId: 110, deliveredAt: "2024-05-04T11:50:00Z" });
    await stores.redeliveries.claim("guid-missed-2", 108, new Date(NOW.getTime() - 15 * MINUTE));
    // The earlier redelivery of guid-missed-2 failed too; a new event failed; the first page reaches the watermark.
    const pages = deliveryPages(
      [[attempt(112, "guid-new", 5 * MINUTE, 500), attempt(111, "guid-missed-2", 14 * MINUTE, 502, { redelivery: true }), attempt(110, "guid-ok", 10 * MINUTE, 200)]],
      { more: true },
    );
    const redeliveries = nock(API).post("/app/hook/deliveries/112/attempts").reply(202, {});

    expect(await run()).toEqual({ listed: 2, redelivered: ["guid-new"], pending: 0, watermark: 112 });
    pages.done();
    redeliveries.done();
  });

  it("leaves a failed delivery of the last two minutes to the next sweep, and keeps the watermark before it", async () => {
    const first = deliveryPages([[attempt(203, "guid-c", 10_000, 200), attempt(202, "guid-b", 30_000, 500), attempt(201, "guid-a", 5 * MINUTE, 200)]]);
    expect(await run()).toEqual({ listed: 3, redelivered: [], pending: 1, watermark: 201 });
    first.done();

    const later = new Date(NOW.getTime() + 15 * MINUTE);
    const second = deliveryPages([[attempt(203, "guid-c", 10_000, 200), attempt(202, "guid-b", 30_000, 500), attempt(201, "guid-a", 5 * MINUTE, 200)]]);
    const redeliveries = nock(API).post("/app/hook/deliveries/202/attempts").reply(202, {});
    expect(await run(later)).toEqual({ listed: 2, redelivered: ["guid-b"], pending: 0, watermark: 203 });
    second.done();
    redeliveries.done();
  });

  it("stops at a rate-limit answer, moves the watermark only over settled events, and carries on next sweep", async () => {
    const page = [attempt(304, "guid-ok", 1 * MINUTE, 200), attempt(303, "guid-3", 10 * MINUTE, 500), attempt(302, "guid-2", 20 * MINUTE, 500), attempt(301, "guid-1", 30 * MINUTE, 500)];
    const first = deliveryPages([page]);
    const redeliveries = nock(API).post("/app/hook/deliveries/301/attempts").reply(202, {});
    rateLimited(redeliveries.post("/app/hook/deliveries/302/attempts"), { "retry-after": "60" });

    const stopped = await run();
    expect(stopped).toMatchObject({ listed: 4, redelivered: ["guid-1"], pending: 2, watermark: 301 });
    expect(stopped.stopped).toMatch(/^rate-limited until 2024-05-04T12:01:00\.000Z/);
    expect(await stores.redeliveries.has("guid-2")).toBe(false);
    first.done();
    redeliveries.done();

    const second = deliveryPages([page.slice(0, 3)]);
    const rest = nock(API).post("/app/hook/deliveries/302/attempts").reply(202, {}).post("/app/hook/deliveries/303/attempts").reply(202, {});
    expect(await run(new Date(NOW.getTime() + 15 * MINUTE))).toEqual({ listed: 3, redelivered: ["guid-2", "guid-3"], pending: 0, watermark: 304 });
    second.done();
    rest.done();
  });

  it("stops without a change when listing the deliveries is rate-limited", async () => {
    await stores.redeliveries.advanceWatermark({ deliveryId: 90, deliveredAt: "2024-05-04T10:00:00Z" });
    const reset = String(Math.floor(NOW.getTime() / 1000) + 600);
    const scope = rateLimited(nock(API).get("/app/hook/deliveries").query(true), { "x-ratelimit-remaining": "0", "x-ratelimit-reset": reset });

    const result = await run();
    expect(result).toMatchObject({ listed: 0, redelivered: [], pending: 0, watermark: 90 });
    expect(result.stopped).toMatch(/^rate-limited until 2024-05-04T12:10:00\.000Z/);
    expect(await stores.redeliveries.watermark()).toMatchObject({ deliveryId: 90 });
    scope.done();
  });

  it("redelivers at most maxRedeliveries events per sweep", async () => {
    const pages = deliveryPages([[attempt(403, "guid-3", 10 * MINUTE, 500), attempt(402, "guid-2", 20 * MINUTE, 500), attempt(401, "guid-1", 30 * MINUTE, 500)]]);
    const redeliveries = nock(API).post("/app/hook/deliveries/401/attempts").reply(202, {}).post("/app/hook/deliveries/402/attempts").reply(202, {});
    expect(await run(NOW, { maxRedeliveries: 2 })).toEqual({ listed: 3, redelivered: ["guid-1", "guid-2"], pending: 1, watermark: 402 });
    pages.done();
    redeliveries.done();
  });

  it("settles an event GitHub refuses to redeliver, and tries one that failed with a 5xx again next sweep", async () => {
    const page = [attempt(502, "guid-5xx", 10 * MINUTE, 500), attempt(501, "guid-refused", 20 * MINUTE, 500)];
    const first = deliveryPages([page]);
    const redeliveries = nock(API)
      .post("/app/hook/deliveries/501/attempts")
      .reply(422, { message: "Validation Failed", documentation_url: "https://docs.github.com/rest" })
      .post("/app/hook/deliveries/502/attempts")
      .reply(502, { message: "Server Error" });
    expect(await run()).toEqual({ listed: 2, redelivered: [], pending: 1, watermark: 501 });
    first.done();
    redeliveries.done();

    const second = deliveryPages([page.slice(0, 1)]);
    const again = nock(API).post("/app/hook/deliveries/502/attempts").reply(202, {});
    expect(await run(new Date(NOW.getTime() + 15 * MINUTE))).toEqual({ listed: 1, redelivered: ["guid-5xx"], pending: 0, watermark: 502 });
    second.done();
    again.done();
  });

  it("does not move the watermark when the pages ran out before reaching it", async () => {
    await stores.redeliveries.advanceWatermark({ deliveryId: 500, deliveredAt: "2024-05-03T12:00:00Z" });
    const pages = deliveryPages([[attempt(603, "guid-c", 10 * MINUTE, 200)], [attempt(602, "guid-b", 20 * MINUTE, 200)]], { more: true });
    const result = await run(NOW, { maxPages: 2 });
    expect(result).toMatchObject({ listed: 2, redelivered: [], pending: 0, watermark: 500, stopped: "more than 2 pages of deliveries since the watermark" });
    expect(await stores.redeliveries.watermark()).toMatchObject({ deliveryId: 500 });
    pages.done();
  });
});
