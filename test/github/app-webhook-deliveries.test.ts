import nock from "nock";
import { Octokit } from "@octokit/core";
import { listAppWebhookDeliveries, UnexpectedDeliveriesError } from "../../src/github/list-app-webhook-deliveries";
import { redeliverAppWebhookDelivery } from "../../src/github/redeliver-app-webhook-delivery";
import { API, apiFixture } from "../helpers/github-api";

const octokit = () => new Octokit({ auth: "test-jwt" });

describe("listAppWebhookDeliveries", () => {
  it("reads a page in the documented shape, and the next page's cursor from the link header", async () => {
    const documented = apiFixture<unknown[]>("app-hook-deliveries");
    const scope = nock(API)
      .get("/app/hook/deliveries")
      .query({ per_page: "100" })
      .reply(200, documented, { link: `<${API}/app/hook/deliveries?per_page=100&cursor=v1_12345677>; rel="next"` })
      .get("/app/hook/deliveries")
      .query({ per_page: "100", cursor: "v1_12345677" })
      .reply(200, []);

    const first = await listAppWebhookDeliveries(octokit());
    expect(first.nextCursor).toBe("v1_12345677");
    expect(first.deliveries[0]).toEqual({
      id: 12345678,
      guid: "0b989ba4-242f-11e5-81e1-c7b6966d2516",
      delivered_at: "2019-06-03T00:57:16Z",
      redelivery: false,
      status: "OK",
      status_code: 200,
      event: "issues",
      action: "opened",
      installation_id: 123,
      repository_id: 456,
    });
    expect(await listAppWebhookDeliveries(octokit(), "v1_12345677")).toEqual({ deliveries: [] });
    scope.done();
  });

  it("says what is wrong with an answer that is not a list of deliveries", async () => {
    const scope = nock(API).get("/app/hook/deliveries").query(true).reply(200, [{ id: "12", guid: "x" }]);
    const listing = listAppWebhookDeliveries(octokit());
    await expect(listing).rejects.toThrow(UnexpectedDeliveriesError);
    await expect(listing).rejects.toThrow(/not in the documented shape \(0\.id: /);
    scope.done();
  });
});

describe("redeliverAppWebhookDelivery", () => {
  it("asks GitHub for another attempt of the delivery", async () => {
    const scope = nock(API).post("/app/hook/deliveries/12345678/attempts").reply(202, {});
    await redeliverAppWebhookDelivery(octokit(), 12345678);
    scope.done();
  });
});
