import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { build } from "esbuild";
import { join } from "node:path";
import { testKeyRing } from "../secrets/test-key-ring";
import { lambdaEventFixture } from "./lambda-env";
import type * as HandlerModule from "../../handlers/public-key";

const root = join(__dirname, "..", "..");

/** The entry in a module registry of its own, so its cached key ring is built from the environment set now. */
function loadPublicKeyHandler(sealingKey: string | undefined): typeof HandlerModule.handler {
  const saved = process.env.SLIPWAY_SEALING_KEY;
  if (sealingKey === undefined) delete process.env.SLIPWAY_SEALING_KEY;
  else process.env.SLIPWAY_SEALING_KEY = sealingKey;
  let handler: typeof HandlerModule.handler | undefined;
  jest.isolateModules(() => {
    ({ handler } = jest.requireActual<typeof HandlerModule>("../../handlers/public-key"));
  });
  const loaded = handler;
  if (!loaded) throw new Error("handlers/public-key did not load");
  return async (event) => {
    try {
      return await loaded(event);
    } finally {
      if (saved === undefined) delete process.env.SLIPWAY_SEALING_KEY;
      else process.env.SLIPWAY_SEALING_KEY = saved;
    }
  };
}

// The public-key Lambda as deployed: its entry in handlers/, with SLIPWAY_SEALING_KEY as the
// deployment provides it, fed an API Gateway HTTP API (2.0) event.
describe("the public-key Lambda handler", () => {
  it("answers the newest key of SLIPWAY_SEALING_KEY as GitHub's public-key endpoint does, cacheable", async () => {
    const { ring, secretKeys } = await testKeyRing(2);
    const handler = loadPublicKeyHandler(secretKeys.join(","));

    const response = await handler(lambdaEventFixture<APIGatewayProxyEventV2>("apigateway", "public-key-request"));

    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject({ "content-type": "application/json; charset=utf-8", "cache-control": "public, max-age=3600", etag: `"${ring.sealingKey.id}"` });
    expect(JSON.parse(response.body ?? "")).toEqual({ key_id: ring.sealingKey.id, key: Buffer.from(ring.sealingKey.publicKey).toString("base64") });
  });

  it("answers 304 to a client that has the key", async () => {
    const { ring, secretKeys } = await testKeyRing();
    const handler = loadPublicKeyHandler(secretKeys.join(","));
    const event = lambdaEventFixture<APIGatewayProxyEventV2>("apigateway", "public-key-request");
    event.headers = { ...event.headers, "If-None-Match": `W/"${ring.sealingKey.id}"` };

    const response = await handler(event);

    expect(response.statusCode).toBe(304);
    expect(response.body).toBe("");
  });

  it("fails, naming the variable, when SLIPWAY_SEALING_KEY is not set", async () => {
    const handler = loadPublicKeyHandler(undefined);

    await expect(handler(lambdaEventFixture<APIGatewayProxyEventV2>("apigateway", "public-key-request"))).rejects.toThrow(/SLIPWAY_SEALING_KEY is not set/);
  });

  it("bundles libsodium without Probot, and leaves the webhook's bundle without libsodium", async () => {
    const inputs = async (entry: string) => {
      const { metafile } = await build({
        entryPoints: [join(root, entry)],
        bundle: true,
        write: false,
        metafile: true,
        platform: "node",
        target: "node20",
        external: ["@aws-sdk/*"],
        logLevel: "silent",
      });
      return Object.keys(metafile.inputs);
    };
    const [publicKey, webhook] = await Promise.all([inputs("handlers/public-key.ts"), inputs("handlers/webhook.ts")]);

    expect(publicKey.some((path) => path.includes("node_modules/libsodium/"))).toBe(true);
    expect(publicKey.filter((path) => path.includes("node_modules/probot/"))).toEqual([]);
    expect(webhook.filter((path) => path.includes("node_modules/libsodium"))).toEqual([]);
  });
});
