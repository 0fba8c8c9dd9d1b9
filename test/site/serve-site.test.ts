import { serveSite } from "../../src/site/serve-site";
import type { SiteDeps } from "../../src/site/serve-site";
import { environment, siteWith } from "./site-fixture";

const files = {
  "index.html": "<h1>home</h1>",
  "css/site.css": "body{}",
  "img/dot.png": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]),
  "docs/index.html": "<h1>docs</h1>",
  "about.txt": "about",
  "a b/ü.txt": "encoded",
  README: "no extension",
};

let deps: SiteDeps;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ deps, cleanup } = await siteWith(files, [
    environment(),
    environment({ name: "production", buildKey: "prod-build" }),
    environment({ name: "pr-3", state: "removed" }),
  ]));
});
afterAll(() => cleanup());

const get = (path: string, extra: { ifNoneMatch?: string; query?: string } = {}) => serveSite({ method: "GET", path, ...extra }, deps);
const text = (response: { body: Buffer }) => response.body.toString("utf8");

describe("serveSite", () => {
  test("serves a file of the environment's build with its type, caching and safety headers", async () => {
    const response = await get("/octo/hello/pr-12/css/site.css");
    expect(response.status).toBe(200);
    expect(text(response)).toBe("body{}");
    expect(response.headers).toMatchObject({
      "Content-Type": "text/css; charset=utf-8",
      "Cache-Control": "public, max-age=60",
      "X-Content-Type-Options": "nosniff",
      "Content-Length": "6",
    });
    expect(response.headers.ETag).toMatch(/^"[\w-]+"$/);
  });

  test("serves binary files byte for byte", async () => {
    const response = await get("/octo/hello/pr-12/img/dot.png");
    expect(response.headers["Content-Type"]).toBe("image/png");
    expect(response.body.equals(files["img/dot.png"])).toBe(true);
  });

  test("looks the owner and repository up case-insensitively", async () => {
    await expect(get("/OCTO/Hello/pr-12/about.txt")).resolves.toMatchObject({ status: 200 });
  });

  test("serves index.html, not cached without revalidation, for the root and for folders", async () => {
    const root = await get("/octo/hello/pr-12/");
    expect([root.status, text(root), root.headers["Cache-Control"]]).toEqual([200, "<h1>home</h1>", "no-cache"]);
    expect(text(await get("/octo/hello/pr-12/docs/"))).toBe("<h1>docs</h1>");
  });

  test("redirects the environment without its trailing slash, keeping the query", async () => {
    const response = await get("/octo/hello/pr-12", { query: "utm=x" });
    expect(response.status).toBe(308);
    expect(response.headers.Location).toBe("./pr-12/?utm=x");
  });

  test("redirects a folder named without its slash to the folder", async () => {
    const response = await get("/octo/hello/pr-12/docs");
    expect([response.status, response.headers.Location]).toEqual([308, "./docs/"]);
  });

  test("decodes percent-encoded segments", async () => {
    expect(text(await get("/octo/hello/pr-12/a%20b/%C3%BC.txt"))).toBe("encoded");
  });

  test("serves files without an extension as octet-stream", async () => {
    expect((await get("/octo/hello/pr-12/README")).headers["Content-Type"]).toBe("application/octet-stream");
  });

  test("each environment serves its own build", async () => {
    const response = await get("/octo/hello/production/about.txt");
    expect(response.status).toBe(200);
    expect(response.headers.ETag).not.toBe((await get("/octo/hello/pr-12/about.txt")).headers.ETag);
  });

  test("answers 304 when the browser already has this build's file", async () => {
    const first = await get("/octo/hello/pr-12/css/site.css");
    const etag = first.headers.ETag ?? "";
    const again = await get("/octo/hello/pr-12/css/site.css", { ifNoneMatch: `W/"other", ${etag}` });
    expect([again.status, again.body.length, again.headers.ETag]).toEqual([304, 0, etag]);
    await expect(get("/octo/hello/pr-12/css/site.css", { ifNoneMatch: '"stale"' })).resolves.toMatchObject({ status: 200 });
  });

  test("answers HEAD with the headers and no body", async () => {
    const response = await serveSite({ method: "HEAD", path: "/octo/hello/pr-12/about.txt" }, deps);
    expect([response.status, response.body.length, response.headers["Content-Length"]]).toEqual([200, 0, "5"]);
  });

  test("refuses other methods with 405 and Allow", async () => {
    const response = await serveSite({ method: "POST", path: "/octo/hello/pr-12/" }, deps);
    expect([response.status, response.headers.Allow]).toEqual([405, "GET, HEAD"]);
  });

  test.each([
    ["/octo/hello/pr-12/%E0%A4%A", /not valid percent-encoding/],
    ["/octo/hello/pr-12/../production/about.txt", /"\.\." segment/],
    ["/octo/hello/pr-12/%2e%2e/%2e%2e/x", /"\.\." segment/],
    ["/octo/hello/pr-12/a%2F..%2F..%2Fx", /encoded slash/],
    ["/octo/hello/pr-12/a%5Cb", /backslash/],
    ["/octo/hello/pr-12/a%00.html", /NUL/],
    ["/octo/hello/pr-12/css//site.css", /empty segment/],
  ])("refuses %s with 400", async (path, reason) => {
    const response = await get(path);
    expect(response.status).toBe(400);
    expect(text(response)).toMatch(reason);
  });

  test.each([
    ["an unknown environment", "/octo/hello/pr-99/", /has no environment "pr-99"/],
    ["a removed environment", "/octo/hello/pr-3/", /"pr-3" of octo\/hello was removed/],
    ["no environment at all", "/octo/hello/", /Sites are served at/],
    ["the bare base", "/", /Sites are served at/],
  ])("answers 404 for %s, saying so", async (_, path, message) => {
    const response = await get(path);
    expect(response.status).toBe(404);
    expect(response.headers["Content-Type"]).toBe("text/plain; charset=utf-8");
    expect(text(response)).toMatch(message);
  });

  test("answers a plain 404 naming the missing file when the build has no 404.html", async () => {
    const response = await get("/octo/hello/pr-12/missing.html");
    expect(response.status).toBe(404);
    expect(text(response)).toMatch(/Not found: \/missing\.html in the environment "pr-12" of octo\/hello/);
  });
});

describe("serveSite fallbacks", () => {
  test("serves the build's 404.html with status 404, before the single-page fallback", async () => {
    const site = await siteWith({ "index.html": "app", "404.html": "custom 404" }, [environment({ spa: true })]);
    const response = await serveSite({ method: "GET", path: "/octo/hello/pr-12/nowhere" }, site.deps);
    expect([response.status, text(response), response.headers["Content-Type"]]).toEqual([404, "custom 404", "text/html; charset=utf-8"]);
    await site.cleanup();
  });

  test("serves /index.html with 200 for unknown paths of a single-page app", async () => {
    const site = await siteWith({ "index.html": "app", "assets/app.js": "js" }, [environment({ spa: true })]);
    const response = await serveSite({ method: "GET", path: "/octo/hello/pr-12/users/42/settings" }, site.deps);
    expect([response.status, text(response)]).toEqual([200, "app"]);
    const asset = await serveSite({ method: "GET", path: "/octo/hello/pr-12/assets/app.js" }, site.deps);
    expect(text(asset)).toBe("js");
    await site.cleanup();
  });

  test("does not fall back to index.html when the environment is not a single-page app", async () => {
    const site = await siteWith({ "index.html": "app" }, [environment({ spa: false })]);
    await expect(serveSite({ method: "GET", path: "/octo/hello/pr-12/users/42" }, site.deps)).resolves.toMatchObject({ status: 404 });
    await site.cleanup();
  });
});
