import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { handleSiteEvent, MAX_LAMBDA_BODY_BYTES } from "../../src/site/lambda-site";
import type { SiteDeps } from "../../src/site/serve-site";
import { deriveSessionKeys } from "../../src/site/access/session-keys";
import { secretId } from "../../src/site/access/secret-id";
import { environment, siteWith } from "./site-fixture";

const recorded = JSON.parse(readFileSync(join(__dirname, "../../fixtures/apigateway/site-request.json"), "utf8")) as APIGatewayProxyEventV2;

function event(changes: { rawPath?: string; method?: string; headers?: Record<string, string>; rawQueryString?: string }): APIGatewayProxyEventV2 {
  const rawPath = changes.rawPath ?? recorded.rawPath;
  return {
    ...recorded,
    rawPath,
    rawQueryString: changes.rawQueryString ?? recorded.rawQueryString,
    headers: { ...recorded.headers, ...changes.headers },
    requestContext: { ...recorded.requestContext, http: { ...recorded.requestContext.http, method: changes.method ?? "GET", path: rawPath } },
  };
}

const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]);
let deps: SiteDeps;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ deps, cleanup } = await siteWith({ "index.html": "<p>hi</p>", "css/site.css": "body{}", "logo.png": png, "big.bin": Buffer.alloc(MAX_LAMBDA_BODY_BYTES + 1) }, [environment()]));
});
afterAll(() => cleanup());

/** The site server with SITE_BASE_URL's path `path`. */
const based = (path: string): SiteDeps => ({ ...deps, sites: { baseUrl: `https://previews.example.test${path.replace(/\/+$/, "")}` } });

describe("handleSiteEvent", () => {
  test("answers the recorded API Gateway request with the file, base64-encoded", async () => {
    const result = await handleSiteEvent(recorded, based("/sites"));
    expect(result).toMatchObject({ statusCode: 200, isBase64Encoded: true, headers: { "Content-Type": "text/css; charset=utf-8" } });
    expect(Buffer.from(result.body ?? "", "base64").toString()).toBe("body{}");
  });

  test("returns binary files intact", async () => {
    const result = await handleSiteEvent(event({ rawPath: "/sites/octo/hello/pr-12/logo.png" }), based("/sites/"));
    expect(Buffer.from(result.body ?? "", "base64").equals(png)).toBe(true);
  });

  test("strips the base path of SITE_BASE_URL and keeps the query on redirects", async () => {
    const result = await handleSiteEvent(event({ rawPath: "/preview/octo/hello/pr-12", rawQueryString: "a=1" }), based("/preview"));
    expect([result.statusCode, result.headers?.Location]).toEqual([308, "./pr-12/?a=1"]);
  });

  test("serves from the host's root when the base path is empty", async () => {
    const result = await handleSiteEvent(event({ rawPath: "/octo/hello/pr-12/" }), based(""));
    expect(Buffer.from(result.body ?? "", "base64").toString()).toBe("<p>hi</p>");
  });

  test("answers 404 for paths outside the base path", async () => {
    const result = await handleSiteEvent(event({ rawPath: "/sitesX/octo/hello/pr-12/" }), based("/sites"));
    expect(result.statusCode).toBe(404);
  });

  test("passes If-None-Match through for 304 answers", async () => {
    const first = await handleSiteEvent(recorded, based("/sites"));
    const etag = String(first.headers?.ETag);
    const again = await handleSiteEvent(event({ headers: { "if-none-match": etag } }), based("/sites"));
    expect(again.statusCode).toBe(304);
  });

  test("answers HEAD without a body and refuses POST", async () => {
    const head = await handleSiteEvent(event({ method: "HEAD" }), based("/sites"));
    expect([head.statusCode, head.body]).toEqual([200, ""]);
    const post = await handleSiteEvent(event({ method: "POST" }), based("/sites"));
    expect([post.statusCode, post.headers?.Allow]).toEqual([405, "GET, HEAD"]);
  });

  test("explains instead of failing when a file is too large for a Lambda response", async () => {
    const result = await handleSiteEvent(event({ rawPath: "/sites/octo/hello/pr-12/big.bin" }), based("/sites"));
    expect(result.statusCode).toBe(502);
    expect(Buffer.from(result.body ?? "", "base64").toString()).toMatch(/more than the 4,000,000 bytes the site server can return/);
  });

  test("serves an environment's own origin, named by API Gateway's domain name, and carries cookies both ways", async () => {
    const token = "shared-token-of-the-preview";
    const site = await siteWith({ "index.html": "<p>private</p>" }, [environment({ private: true })], {
      sites: { baseUrl: "https://api.example.test/sites", domain: "previews.example.test" },
      access: {
        keys: deriveSessionKeys("a session secret of thirty-two characters or more"),
        shareLinks: { get: async (_owner, _repo, _environment, id) => (id === secretId(token) ? { owner: "octo", repo: "hello", environment: "pr-12", id, createdBy: "mona", createdAt: "2026-11-20T10:00:00Z", expiresAt: "2099-01-01T00:00:00Z" } : undefined) },
        handoffs: { put: async () => undefined, take: async () => undefined },
      },
    });
    const onOwnOrigin = (rawPath: string, cookies?: string[]): APIGatewayProxyEventV2 => {
      const base = event({ rawPath });
      return { ...base, cookies, requestContext: { ...base.requestContext, domainName: "pr-12--hello--octo.previews.example.test" } };
    };
    try {
      // No sign-in configured here: only a share link opens it.
      expect((await handleSiteEvent(onOwnOrigin("/"), site.deps)).statusCode).toBe(503);
      const opened = await handleSiteEvent(onOwnOrigin(`/.slipway/share/${token}`), site.deps);
      expect(opened.statusCode).toBe(303);
      const cookie = opened.cookies?.[0]?.split(";")[0] ?? "";
      expect(cookie).toMatch(/^__Host-slipway-share=/);
      const page = await handleSiteEvent(onOwnOrigin("/", [cookie]), site.deps);
      expect([page.statusCode, Buffer.from(page.body ?? "", "base64").toString()]).toEqual([200, "<p>private</p>"]);
    } finally {
      await site.cleanup();
    }
  });
});
