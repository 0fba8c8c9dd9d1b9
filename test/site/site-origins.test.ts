import { recordSiteHost } from "../../src/site/record-site-host";
import { serveSite } from "../../src/site/serve-site";
import { siteLabel } from "../../src/site/site-label";
import type { SiteDeps } from "../../src/site/site-deps";
import { siteUrl } from "../../src/site/site-url";
import { testStores } from "../helpers/test-stores";
import { environment, siteWith } from "./site-fixture";

const DOMAIN = "previews.example.test";
const sites = { baseUrl: "https://slipway.example.test/sites", domain: DOMAIN };
const LONG = { owner: "acme-corporation", repo: "customer-facing-web-application", environment: "release-candidate-2026" };

let deps: SiteDeps;
let cleanup: () => Promise<void>;
let closeStores: () => void;
beforeAll(async () => {
  const store = await testStores();
  closeStores = store.close;
  // The deploy records a shortened label; the site server maps it back.
  await recordSiteHost(store.stores.siteHosts, LONG.owner, LONG.repo, LONG.environment);
  await recordSiteHost(store.stores.siteHosts, "Octo", "Hello", "Staging");
  ({ deps, cleanup } = await siteWith(
    { "index.html": "home", "css/a.css": "body{}" },
    [environment(), environment({ owner: LONG.owner, repo: LONG.repo, name: LONG.environment, pullNumber: undefined }), environment({ name: "Staging", pullNumber: undefined })],
    { sites, siteHosts: store.stores.siteHosts },
  ));
});
afterAll(async () => {
  closeStores();
  await cleanup();
});

const get = (url: string) => {
  const { host, pathname, search } = new URL(url);
  return serveSite({ method: "GET", host, path: pathname, query: search.slice(1) || undefined }, deps);
};
const text = (response: { body: Buffer }) => response.body.toString("utf8");

describe("one origin per environment (SITE_DOMAIN)", () => {
  it("serves an environment from the host <environment>--<repo>--<owner>, every path being the site's", async () => {
    expect(text(await get(`https://pr-12--hello--octo.${DOMAIN}/`))).toBe("home");
    expect(text(await get(`https://PR-12--Hello--Octo.${DOMAIN}/css/a.css`))).toBe("body{}");
  });

  it("maps a shortened label back through the label the deploy recorded", async () => {
    const url = siteUrl(sites, LONG.owner, LONG.repo, LONG.environment);
    expect(new URL(url).hostname.split(".")[0]?.length).toBeLessThanOrEqual(63);
    expect(text(await get(`${url}css/a.css`))).toBe("body{}");
  });

  it("tells environments apart that differ only in case", async () => {
    const label = siteLabel("octo", "hello", "Staging").label;
    expect((await get(`https://${label}.${DOMAIN}/`)).status).toBe(200);
    // `staging` would be another environment, which octo/hello does not have.
    expect(text(await get(`https://staging--hello--octo.${DOMAIN}/`))).toMatch(/has no environment "staging"/);
  });

  it("answers 404 for a host that names no environment, and 400 for a hostile path", async () => {
    expect(text(await get(`https://www.${DOMAIN}/`))).toMatch(/no site is served at www\.previews\.example\.test/);
    expect((await get(`https://pr-99--hello--octo.${DOMAIN}/`)).status).toBe(404);
    expect(text(await get(`https://pr-12--hello--octo.${DOMAIN}/a%2F..%2Fb`))).toMatch(/encoded slash/);
  });

  it("redirects the path form to the environment's own origin, keeping the file and query", async () => {
    const response = await get("https://slipway.example.test/sites/Octo/Hello/pr-12/css/a.css?v=2");
    expect([response.status, response.headers.Location]).toEqual([308, `https://pr-12--hello--octo.${DOMAIN}/css/a.css?v=2`]);
  });

  it("puts nosniff and the referrer policy on every answer", async () => {
    for (const url of [`https://pr-12--hello--octo.${DOMAIN}/`, `https://www.${DOMAIN}/`, "https://slipway.example.test/sites/octo/hello/pr-12/"]) {
      expect((await get(url)).headers).toMatchObject({ "X-Content-Type-Options": "nosniff", "Referrer-Policy": "strict-origin-when-cross-origin" });
    }
  });
});
