import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { buildFileKey } from "../../src/blobs/blob-store";
import { contentTypeFor } from "../../src/providers/content-type";
import type { EnvironmentRecord } from "../../src/model/records";
import { lambdaEventFixture, lambdaTestEnv, loadHandler } from "./lambda-env";
import type * as HandlerModule from "../../handlers/site";

const SHA = "abc1234def5678abc1234def5678abc1234def56";
const BUILD_KEY = `${SHA}-public`;
const files: Record<string, string> = { "index.html": "<h1>pr-12 of octo/hello</h1>", "css/site.css": "body { margin: 0 }" };

// The site server Lambda as deployed: its entry in handlers/, wired by its environment variables
// to DynamoDB Local (the environment pointer) and s3rver (the build's files), fed API Gateway
// HTTP API (2.0) events. The site logic itself is pinned in test/site.
describe("the site Lambda handler", () => {
  let aws: Awaited<ReturnType<typeof lambdaTestEnv>>;
  let handler: typeof HandlerModule.handler;
  let closeRuntime: () => Promise<void>;

  beforeAll(async () => {
    aws = await lambdaTestEnv();
    ({ handler, closeRuntime } = loadHandler<typeof HandlerModule.handler>("site"));
    const environment: EnvironmentRecord = {
      installationId: 7,
      repoId: 42,
      owner: "octo",
      repo: "hello",
      name: "pr-12",
      state: "active",
      sha: SHA,
      buildKey: BUILD_KEY,
      spa: false,
      sourceAt: "2026-11-20T10:00:00.000Z",
      pullNumber: 12,
      url: "https://previews.example.test/sites/octo/hello/pr-12/",
      updatedAt: "2026-11-20T10:00:05.000Z",
      private: false,
    };
    await aws.stores.environments.point(environment);
    await aws.stores.environments.point({ ...environment, name: "pr-3", pullNumber: 3, state: "removed" });
    // Deployed before Slipway recorded whether the repository is private.
    await aws.stores.environments.point({ ...environment, name: "pr-4", pullNumber: 4, private: undefined });
    for (const [path, body] of Object.entries(files)) {
      await aws.blobs.put(buildFileKey("octo", "hello", BUILD_KEY, path), Buffer.from(body), contentTypeFor(path));
    }
  });
  afterAll(async () => {
    await closeRuntime();
    await aws.close();
  });

  /** The fixture's request, sent for another path of the same site. */
  function get(rawPath: string): APIGatewayProxyEventV2 {
    const event = lambdaEventFixture<APIGatewayProxyEventV2>("apigateway", "site-request");
    event.rawPath = rawPath;
    event.rawQueryString = "";
    delete event.queryStringParameters;
    event.requestContext.http.path = rawPath;
    event.pathParameters = { proxy: rawPath.replace(/^\/sites\//, "") };
    event.headers = { ...event.headers, accept: "text/html" };
    return event;
  }

  const text = (result: APIGatewayProxyStructuredResultV2) => Buffer.from(result.body ?? "", result.isBase64Encoded ? "base64" : "utf8").toString("utf8");

  it("serves the environment's index.html from S3 for the environment's root", async () => {
    const result = await handler(get("/sites/octo/hello/pr-12/"));

    expect(result.statusCode).toBe(200);
    expect(text(result)).toBe(files["index.html"]);
    expect(result.headers).toMatchObject({ "Content-Type": "text/html; charset=utf-8" });
  });

  it("serves the stylesheet a browser asks for in the fixture request", async () => {
    const result = await handler(lambdaEventFixture<APIGatewayProxyEventV2>("apigateway", "site-request"));

    expect(result.statusCode).toBe(200);
    expect(text(result)).toBe(files["css/site.css"]);
    expect(result.headers).toMatchObject({ "Content-Type": "text/css; charset=utf-8" });
  });

  it("never serves an environment whose repository may be private without sign-in, and says what is missing", async () => {
    const result = await handler(get("/sites/octo/hello/pr-4/"));

    expect(result.statusCode).toBe(503);
    expect(text(result)).toContain("Sign-in is not set up here");
    expect(text(result)).not.toContain(files["index.html"]);
    expect(result.headers).toMatchObject({ "X-Content-Type-Options": "nosniff", "Referrer-Policy": "strict-origin-when-cross-origin", "Cache-Control": "no-store" });
  });

  it("answers 404 for the removed preview of a closed pull request", async () => {
    const result = await handler(get("/sites/octo/hello/pr-3/"));

    expect(result.statusCode).toBe(404);
    expect(text(result)).toMatch(/"pr-3" of octo\/hello was removed/);
  });
});
