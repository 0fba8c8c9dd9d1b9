import { createPublicKey, verify } from "node:crypto";
import nock from "nock";
import { listAppWebhookDeliveries } from "../../src/github/list-app-webhook-deliveries";
import { AppCredentialsError, createAppOctokit } from "../../src/runtime/app-octokit";
import { API, apiFixture } from "../helpers/github-api";
import { TEST_APP_ID, testPrivateKey } from "../helpers/test-probot";

/** The JWT's claims when its RS256 signature is the app key's; undefined otherwise. */
function verifiedClaims(authorization: string): Record<string, unknown> | undefined {
  const [scheme, token] = authorization.split(" ");
  const [header, payload, signature] = (token ?? "").split(".");
  if (scheme?.toLowerCase() !== "bearer" || !header || !payload || !signature) return undefined;
  const signed = verify("RSA-SHA256", Buffer.from(`${header}.${payload}`), createPublicKey(testPrivateKey()), Buffer.from(signature, "base64url"));
  if (!signed || JSON.parse(Buffer.from(header, "base64url").toString()).alg !== "RS256") return undefined;
  return JSON.parse(Buffer.from(payload, "base64url").toString()) as Record<string, unknown>;
}

describe("createAppOctokit", () => {
  it("signs a JWT as the app and lists its webhook deliveries with it", async () => {
    const claims: Array<Record<string, unknown> | undefined> = [];
    const scope = nock(API)
      .get("/app/hook/deliveries")
      .query({ per_page: "100" })
      .matchHeader("authorization", (value: string) => {
        claims.push(verifiedClaims(value));
        return claims.at(-1) !== undefined;
      })
      .reply(200, apiFixture("app-hook-deliveries"));

    const github = createAppOctokit({ appId: TEST_APP_ID, privateKey: testPrivateKey() });
    const { deliveries } = await listAppWebhookDeliveries(github);

    expect(deliveries.map((delivery) => delivery.id)).toEqual([12345678, 123456789]);
    const [claim] = claims;
    expect(claim).toMatchObject({ iss: TEST_APP_ID });
    expect(Number(claim?.exp) - Number(claim?.iat)).toBeLessThanOrEqual(600);
    scope.done();
  });

  it("talks to GitHub Enterprise Server's API at the base URL given", async () => {
    const scope = nock("https://github.example.com").get("/api/v3/app/hook/deliveries").query(true).reply(200, []);
    const github = createAppOctokit({ appId: TEST_APP_ID, privateKey: testPrivateKey(), baseUrl: "https://github.example.com/api/v3" });
    await listAppWebhookDeliveries(github);
    scope.done();
  });

  it("refuses to start without the app's id and key", () => {
    expect(() => createAppOctokit({ appId: 1, privateKey: undefined })).toThrow(AppCredentialsError);
    expect(() => createAppOctokit({ appId: undefined, privateKey: testPrivateKey() })).toThrow(/id and private key are needed/);
  });
});
