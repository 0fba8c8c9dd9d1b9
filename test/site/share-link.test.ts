import { secretId } from "../../src/site/access/secret-id";
import { accessFixture, BASE_URL, PAGES } from "./access-fixture";
import { locationOf, testBrowser } from "./test-browser";

const SITE = "https://pr-12--web--acme.previews.example.test";
const HOST = "pr-12--web--acme.previews.example.test";
const TOKEN = "Zq3mVx8sW2pL0cTbY6nRk1dHf9gJe4uA7oQiXwE5sM0";
const DAY = 24 * 60 * 60 * 1000;

/** A share link of TOKEN for pr-12, made by octocat now and valid for `ttlMs`. */
function shareFor(ttlMs: number): Promise<void> {
  return fixture.stores.shareLinks.create({
    owner: "acme",
    repo: "web",
    environment: "pr-12",
    id: secretId(TOKEN),
    createdBy: "octocat",
    createdAt: fixture.clock.now.toISOString(),
    expiresAt: new Date(fixture.clock.now.getTime() + ttlMs).toISOString(),
  });
}

let fixture: Awaited<ReturnType<typeof accessFixture>>;
beforeEach(async () => {
  fixture = await accessFixture();
  await shareFor(7 * DAY);
});
afterEach(() => fixture.cleanup());

const text = (response: { body: Buffer }) => response.body.toString("utf8");

/** The site server with share links but no sign-in configured: a share link needs no GitHub account. */
const withoutSignIn = () => {
  const access = fixture.deps.access;
  if (!access) throw new Error("the fixture has site access");
  return { ...fixture.deps, access: { ...access, signIn: undefined } };
};

describe("share links", () => {
  it("open the preview without a GitHub account: the link sets a cookie for this origin and goes to the site's root", async () => {
    const browser = testBrowser(withoutSignIn);
    const opened = await browser.get(`${SITE}/.slipway/share/${TOKEN}`);

    expect(opened.status).toBe(303);
    expect(locationOf(opened)).toBe(`${SITE}/`);
    expect(opened.headers["Cache-Control"]).toBe("no-store");
    expect(browser.jar.attributes(HOST, "__Host-slipway-share")).toBe(`Max-Age=${7 * 24 * 60 * 60}; Path=/; HttpOnly; Secure; SameSite=Lax`);
    const page = await browser.get(`${SITE}/docs/`);
    expect([page.status, text(page), page.headers["Cache-Control"]]).toEqual([200, "<h1>Docs</h1>", "private, no-cache"]);
  });

  it("open only their own environment", async () => {
    const browser = testBrowser(withoutSignIn);
    const elsewhere = await browser.get(`https://pr-7--web--acme.previews.example.test/.slipway/share/${TOKEN}`);

    expect(elsewhere.status).toBe(404);
    expect(text(elsewhere)).toContain("This share link no longer works");
    expect(browser.jar.value("pr-7--web--acme.previews.example.test", "__Host-slipway-share")).toBeUndefined();
  });

  it("stop working when they expire, and the sign-in page says so", async () => {
    const browser = testBrowser(() => fixture.deps);
    await browser.get(`${SITE}/.slipway/share/${TOKEN}`);
    fixture.advance(7 * DAY - 1);
    expect((await browser.get(`${SITE}/`)).status).toBe(200);

    fixture.advance(1);
    const expired = await browser.get(`${SITE}/`);
    expect(expired.status).toBe(303);
    expect(locationOf(expired)).toBe(`${SITE}/.slipway/sign-in?to=%2F&notice=share-ended`);
    expect(browser.jar.value(HOST, "__Host-slipway-share")).toBeUndefined();
    expect(text(await browser.get(locationOf(expired)))).toContain("The share link you opened has expired or was revoked.");
    expect((await browser.get(`${SITE}/.slipway/share/${TOKEN}`)).status).toBe(404);
  });

  it("stop working at once when revoked, for browsers that already opened them", async () => {
    const browser = testBrowser(withoutSignIn);
    await browser.get(`${SITE}/.slipway/share/${TOKEN}`);
    expect((await browser.get(`${SITE}/`)).status).toBe(200);

    expect(await fixture.stores.shareLinks.revokeAll("acme", "web", "pr-12", fixture.clock.now)).toBe(1);
    const revoked = await browser.get(`${SITE}/`);
    expect(revoked.status).toBe(503);
    expect(text(revoked)).not.toContain(PAGES["index.html"]);
    expect((await browser.get(`${SITE}/.slipway/share/${TOKEN}`)).status).toBe(404);
  });

  it("refuse a token nobody shared, saying what to do", async () => {
    const browser = testBrowser(() => fixture.deps);
    const page = await browser.get(`${SITE}/.slipway/share/not-a-shared-token`);

    expect(page.status).toBe(404);
    expect(page.headers["Cache-Control"]).toBe("no-store");
    expect(text(page)).toContain("Ask the person who shared it for a new one");
    expect(page.cookies).toBeUndefined();
  });

  it("are kept for their site's root in the path form", async () => {
    await fixture.cleanup();
    fixture = await accessFixture({ domain: undefined });
    await shareFor(DAY);
    const browser = testBrowser(withoutSignIn);
    const opened = await browser.get(`${BASE_URL}/acme/web/pr-12/.slipway/share/${TOKEN}`);

    expect(locationOf(opened)).toBe(`${BASE_URL}/acme/web/pr-12/`);
    expect(browser.jar.attributes("slipway.example.test", "__Secure-slipway-share")).toMatch(/Path=\/sites\/acme\/web\/pr-12\//);
    expect((await browser.get(`${BASE_URL}/acme/web/pr-12/`)).status).toBe(200);
    expect((await browser.get(`${BASE_URL}/acme/web/pr-7/`)).status).toBe(503);
  });
});
