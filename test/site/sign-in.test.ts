import { createHash } from "node:crypto";
import nock from "nock";
import { deriveSessionKeys } from "../../src/site/access/session-keys";
import { apiFixture } from "../helpers/github-api";
import { accessFixture, BASE_URL, CLIENT_ID, CLIENT_SECRET, PAGES } from "./access-fixture";
import { locationOf, testBrowser } from "./test-browser";

const SITE = "https://pr-12--web--acme.previews.example.test";
const CALLBACK = `${BASE_URL}/.slipway/callback`;
const token = apiFixture<{ access_token: string }>("oauth-access-token").access_token;
const HOUR = 60 * 60 * 1000;

let fixture: Awaited<ReturnType<typeof accessFixture>>;
beforeEach(async () => {
  fixture = await accessFixture();
});
afterEach(() => fixture.cleanup());

const text = (response: { body: Buffer }) => response.body.toString("utf8");
/** The first button's link on one of Slipway's pages. */
const buttonHref = (response: { body: Buffer }) => (/class="button" href="([^"]+)"/.exec(text(response))?.[1] ?? "").replace(/&#38;/g, "&");

/** The payload of a signed cookie value (base64url JSON before the signature), readable but not changeable. */
function payloadOf(signed: string | undefined): Record<string, unknown> {
  return JSON.parse(Buffer.from(decodeURIComponent(signed ?? "").split(".")[0] ?? "", "base64url").toString("utf8")) as Record<string, unknown>;
}

/** GitHub's side of one sign-in: the token exchange (with the PKCE verifier), who the person is, and the repository check. */
function mockGitHubSignIn(options: { code: string; verifier: () => string; repository: 200 | 404; login?: string }) {
  const web = nock("https://github.com")
    .post("/login/oauth/access_token", (body: Record<string, string>) => {
      expect(body).toEqual({ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, code: options.code, redirect_uri: CALLBACK, code_verifier: options.verifier() });
      return true;
    })
    .matchHeader("accept", "application/json")
    .reply(200, apiFixture("oauth-access-token"), { Date: fixture.clock.now.toUTCString() });
  const api = nock("https://api.github.com")
    .matchHeader("authorization", `token ${token}`)
    .get("/user")
    .reply(200, { ...apiFixture("user"), login: options.login ?? "octocat" })
    .get("/repos/acme/web")
    .reply(options.repository, options.repository === 200 ? apiFixture("repository") : { message: "Not Found", documentation_url: "https://docs.github.com/rest/repos/repos#get-a-repository" });
  return { done: () => (web.done(), api.done()) };
}

/** Anonymous visit → sign-in page → GitHub (state, PKCE) → callback → hand-off → the page asked for. */
async function signIn(browser: ReturnType<typeof testBrowser>, repository: 200 | 404, path = "/docs/?x=1") {
  const visit = await browser.get(`${SITE}${path}`);
  expect(visit.status).toBe(303);
  const page = await browser.get(locationOf(visit));
  const start = await browser.get(new URL(buttonHref(page), SITE).toString());
  expect(start.status).toBe(302);
  const authorize = new URL(locationOf(start));
  const verifier = () => String(payloadOf(browser.jar.value("slipway.example.test", "__Secure-slipway-oauth")).verifier);
  const github = mockGitHubSignIn({ code: "4e5a3c2b1d", verifier, repository });
  const callback = await browser.get(`${CALLBACK}?code=4e5a3c2b1d&state=${authorize.searchParams.get("state") ?? ""}`);
  expect(callback.status).toBe(303);
  const handoff = await browser.get(locationOf(callback));
  github.done();
  return { visit, page, start, authorize, callback, handoff };
}

/** A sign-in up to the callback's answer: the hand-off link, not yet opened. */
async function signInWithoutHandoff(browser: ReturnType<typeof testBrowser>) {
  const visit = await browser.get(`${SITE}/`);
  const start = await browser.get(new URL(buttonHref(await browser.get(locationOf(visit))), SITE).toString());
  const authorize = new URL(locationOf(start));
  const verifier = () => String(payloadOf(browser.jar.value("slipway.example.test", "__Secure-slipway-oauth")).verifier);
  const github = mockGitHubSignIn({ code: "4e5a3c2b1d", verifier, repository: 200 });
  const callback = await browser.get(`${CALLBACK}?code=4e5a3c2b1d&state=${authorize.searchParams.get("state") ?? ""}`);
  github.done();
  return { callback };
}

describe("sign-in with GitHub for a private repository's environment", () => {
  it("sends an anonymous visitor to the sign-in page on the environment's own origin, keeping where they were going", async () => {
    const browser = testBrowser(() => fixture.deps);
    const visit = await browser.get(`${SITE}/docs/?x=1`);

    expect(visit.status).toBe(303);
    expect(locationOf(visit)).toBe(`${SITE}/.slipway/sign-in?to=%2Fdocs%2F%3Fx%3D1`);
    expect(text(visit)).not.toContain("Docs");
  });

  it("shows a sign-in page that says what Slipway is and which repository, never cached, under a strict CSP", async () => {
    const browser = testBrowser(() => fixture.deps);
    const page = await browser.get(`${SITE}/.slipway/sign-in?to=%2Fdocs%2F`);

    expect(page.status).toBe(200);
    expect(page.headers).toMatchObject({
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
    });
    expect(page.headers["Content-Security-Policy"]).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'$/);
    expect(text(page)).toContain("<h1>Sign in to view this preview</h1>");
    expect(text(page)).toContain("<code>acme/web</code> is a private repository");
    expect(text(page)).toContain("pull request #12");
    // The start link carries this browser's sign-in nonce, which it keeps in a cookie of the site's origin.
    const nonce = browser.jar.value("pr-12--web--acme.previews.example.test", "__Host-slipway-sign-in") ?? "";
    expect(nonce).toMatch(/^[\w-]{43}$/);
    expect(buttonHref(page)).toBe(`${BASE_URL}/.slipway/start?site=acme%2Fweb%2Fpr-12&to=%2Fdocs%2F&nonce=${nonce}`);
  });

  it("starts GitHub's web flow with state and a PKCE challenge, remembered in a signed cookie of the sign-in origin", async () => {
    const browser = testBrowser(() => fixture.deps);
    const start = await browser.get(`${BASE_URL}/.slipway/start?site=acme%2Fweb%2Fpr-12&to=%2Fdocs%2F`);

    expect(start.status).toBe(302);
    expect(start.headers["Cache-Control"]).toBe("no-store");
    const authorize = new URL(locationOf(start));
    expect(`${authorize.origin}${authorize.pathname}`).toBe("https://github.com/login/oauth/authorize");
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({ client_id: CLIENT_ID, redirect_uri: CALLBACK, allow_signup: "false", code_challenge_method: "S256" });
    const state = payloadOf(browser.jar.value("slipway.example.test", "__Secure-slipway-oauth"));
    expect(authorize.searchParams.get("state")).toBe(state.state);
    expect(String(state.state)).toMatch(/^[\w-]{43}$/);
    expect(authorize.searchParams.get("code_challenge")).toBe(createHash("sha256").update(String(state.verifier)).digest("base64url"));
    expect(browser.jar.attributes("slipway.example.test", "__Secure-slipway-oauth")).toBe("Max-Age=600; Path=/sites/.slipway/; HttpOnly; Secure; SameSite=Lax");
  });

  it("signs a reader in: code exchanged with the verifier, repository checked with their token, session handed to the site's origin once", async () => {
    const browser = testBrowser(() => fixture.deps);
    const { callback, handoff } = await signIn(browser, 200);

    expect(locationOf(callback)).toMatch(new RegExp(`^${SITE}/\\.slipway/handoff\\?code=[\\w-]{43}$`));
    // Nothing of the session is set on the sign-in origin; the state cookie is gone.
    expect(callback.cookies).toEqual(["__Secure-slipway-oauth=; Max-Age=0; Path=/sites/.slipway/; HttpOnly; Secure; SameSite=Lax"]);
    expect(locationOf(handoff)).toBe(`${SITE}/docs/?x=1`);
    const host = "pr-12--web--acme.previews.example.test";
    expect(browser.jar.attributes(host, "__Host-slipway-session")).toMatch(/^Max-Age=\d+; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    expect(browser.jar.value(host, "__Host-slipway-session")).not.toContain(token);

    const page = await browser.get(`${SITE}/docs/?x=1`);
    expect([page.status, text(page)]).toEqual([200, "<h1>Docs</h1>"]);
    expect(page.headers["Cache-Control"]).toBe("private, no-cache");

    // The hand-off code works once.
    const again = await browser.get(locationOf(callback));
    expect([again.status, again.headers["Cache-Control"]]).toEqual([400, "no-store"]);
    expect(text(again)).toContain("This sign-in link has expired");
  });

  it("answers 403 with the repository to ask for when the person cannot read it", async () => {
    const browser = testBrowser(() => fixture.deps);
    await signIn(browser, 404);

    const page = await browser.get(`${SITE}/docs/?x=1`);
    expect(page.status).toBe(403);
    expect(page.headers["Cache-Control"]).toBe("no-store");
    expect(text(page)).toContain("signed in as <strong>@octocat</strong>, who cannot");
    expect(text(page)).toContain("ask an owner or admin of <code>acme/web</code> to give <strong>@octocat</strong> read access");
    expect(text(page)).not.toContain("Docs");
    const nonce = browser.jar.value("pr-12--web--acme.previews.example.test", "__Host-slipway-sign-in");
    expect(buttonHref(page)).toBe(`${BASE_URL}/.slipway/start?site=acme%2Fweb%2Fpr-12&to=%2Fdocs%2F%3Fx%3D1&nonce=${nonce ?? ""}`);
  });

  it("refuses a callback whose state is not the one it sent, calling no one", async () => {
    const browser = testBrowser(() => fixture.deps);
    await browser.get(`${BASE_URL}/.slipway/start?site=acme%2Fweb%2Fpr-12&to=%2F`);
    const callback = await browser.get(`${CALLBACK}?code=4e5a3c2b1d&state=forged-state-value-of-the-same-length-xxxxxxx`);

    expect(callback.status).toBe(400);
    expect(text(callback)).toContain("This sign-in has expired");
  });

  it("refuses a callback without the state cookie (another browser)", async () => {
    const started = testBrowser(() => fixture.deps);
    const start = await started.get(`${BASE_URL}/.slipway/start?site=acme%2Fweb%2Fpr-12&to=%2F`);
    const state = new URL(locationOf(start)).searchParams.get("state") ?? "";
    const other = testBrowser(() => fixture.deps);

    expect((await other.get(`${CALLBACK}?code=4e5a3c2b1d&state=${state}`)).status).toBe(400);
  });

  it("says the sign-in was cancelled when GitHub comes back with an error instead of a code", async () => {
    const browser = testBrowser(() => fixture.deps);
    const start = await browser.get(`${BASE_URL}/.slipway/start?site=acme%2Fweb%2Fpr-12&to=%2F`);
    const state = new URL(locationOf(start)).searchParams.get("state") ?? "";
    const callback = await browser.get(`${CALLBACK}?error=access_denied&state=${state}`);

    expect(callback.status).toBe(400);
    expect(text(callback)).toContain("Sign-in was cancelled");
    expect(buttonHref(callback)).toBe(`${BASE_URL}/.slipway/start?site=acme%2Fweb%2Fpr-12&to=%2F&nonce=`);
  });

  it("does not hand a session to another browser that opens the hand-off link", async () => {
    const browser = testBrowser(() => fixture.deps);
    const { callback } = await signInWithoutHandoff(browser);
    const other = testBrowser(() => fixture.deps);

    const stolen = await other.get(locationOf(callback));
    expect(stolen.status).toBe(400);
    expect(stolen.cookies).toBeUndefined();
    expect((await other.get(`${SITE}/`)).status).toBe(303);
  });

  it("does not take a hand-off code after a minute", async () => {
    const browser = testBrowser(() => fixture.deps);
    const { callback } = await signInWithoutHandoff(browser);

    fixture.advance(60_000);
    expect((await browser.get(locationOf(callback))).status).toBe(400);
    expect((await browser.get(`${SITE}/`)).status).toBe(303);
  });
});

describe("a signed-in session", () => {
  const host = "pr-12--web--acme.previews.example.test";

  it("is refused when its cookie was changed, and sends the person to sign in again", async () => {
    const browser = testBrowser(() => fixture.deps);
    await signIn(browser, 404);
    const signed = browser.jar.value(host, "__Host-slipway-session") ?? "";
    const [payload = "", signature = ""] = decodeURIComponent(signed).split(".");
    const session = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { grants: Record<string, { ok: boolean }> };
    for (const grant of Object.values(session.grants)) grant.ok = true;
    browser.jar.set(host, "__Host-slipway-session", encodeURIComponent(`${Buffer.from(JSON.stringify(session)).toString("base64url")}.${signature}`));

    const page = await browser.get(`${SITE}/`);
    expect(page.status).toBe(303);
    expect(locationOf(page)).toBe(`${SITE}/.slipway/sign-in?to=%2F`);
  });

  it("is refused when signed with another key", async () => {
    const browser = testBrowser(() => fixture.deps);
    await signIn(browser, 200);
    const access = fixture.deps.access;
    if (!access) throw new Error("the fixture has site access");
    const rotated = testBrowser(() => ({ ...fixture.deps, access: { ...access, keys: deriveSessionKeys("another session secret, also 32 characters or more") } }));
    rotated.jar.set(host, "__Host-slipway-session", browser.jar.value(host, "__Host-slipway-session") ?? "");

    expect((await rotated.get(`${SITE}/`)).status).toBe(303);
  });

  it("ends when it expires, after at most eight hours", async () => {
    const browser = testBrowser(() => fixture.deps);
    await signIn(browser, 200);
    fixture.advance(8 * HOUR);

    expect((await browser.get(`${SITE}/`)).status).toBe(303);
  });

  it("trusts a repository check for five minutes, then asks GitHub again with the person's token", async () => {
    const browser = testBrowser(() => fixture.deps);
    await signIn(browser, 200);
    fixture.advance(5 * 60_000 - 1);
    expect((await browser.get(`${SITE}/`)).status).toBe(200);

    fixture.advance(1);
    const recheck = nock("https://api.github.com").matchHeader("authorization", `token ${token}`).get("/repos/acme/web").reply(200, apiFixture("repository"));
    const page = await browser.get(`${SITE}/`);
    recheck.done();
    expect(page.status).toBe(200);
    expect(page.cookies?.[0]).toMatch(/^__Host-slipway-session=/);

    // Renewed: no call for the next five minutes; then access is gone.
    fixture.advance(4 * 60_000);
    expect((await browser.get(`${SITE}/`)).status).toBe(200);
    fixture.advance(60_000);
    const revoked = nock("https://api.github.com").get("/repos/acme/web").reply(404, { message: "Not Found" });
    expect((await browser.get(`${SITE}/`)).status).toBe(403);
    revoked.done();
  });

  it("sends the person to sign in again when GitHub no longer accepts their token", async () => {
    const browser = testBrowser(() => fixture.deps);
    await signIn(browser, 200);
    fixture.advance(6 * 60_000);
    const rejected = nock("https://api.github.com").get("/repos/acme/web").reply(401, { message: "Bad credentials" });

    expect((await browser.get(`${SITE}/`)).status).toBe(303);
    rejected.done();
  });

  it("answers 502, serving nothing, when GitHub fails during the check", async () => {
    const browser = testBrowser(() => fixture.deps);
    await signIn(browser, 200);
    fixture.advance(6 * 60_000);
    const failing = nock("https://api.github.com").get("/repos/acme/web").reply(500, { message: "Server Error" });

    const page = await browser.get(`${SITE}/`);
    failing.done();
    expect(page.status).toBe(502);
    expect(text(page)).toContain("GitHub could not confirm your access");
    expect(text(page)).not.toContain(PAGES["index.html"]);
  });

  it("opens only the environment's own origin: the cookie is host-only and not sent to another environment", async () => {
    const browser = testBrowser(() => fixture.deps);
    await signIn(browser, 200);

    const other = await browser.get("https://pr-7--web--acme.previews.example.test/");
    expect(other.status).toBe(303);
  });
});

describe("without SITE_DOMAIN (one origin for every site)", () => {
  it("sets the session on the sign-in origin directly, for the site base path, and goes back to the page", async () => {
    await fixture.cleanup();
    fixture = await accessFixture({ domain: undefined });
    const browser = testBrowser(() => fixture.deps);
    const visit = await browser.get(`${BASE_URL}/acme/web/pr-12/docs/`);
    expect(locationOf(visit)).toBe(`${BASE_URL}/acme/web/pr-12/.slipway/sign-in?to=%2Fsites%2Facme%2Fweb%2Fpr-12%2Fdocs%2F`);
    const start = await browser.get(new URL(buttonHref(await browser.get(locationOf(visit))), BASE_URL).toString());
    const state = new URL(locationOf(start)).searchParams.get("state") ?? "";
    const verifier = () => String(payloadOf(browser.jar.value("slipway.example.test", "__Secure-slipway-oauth")).verifier);
    const github = mockGitHubSignIn({ code: "4e5a3c2b1d", verifier, repository: 200 });

    const callback = await browser.get(`${CALLBACK}?code=4e5a3c2b1d&state=${state}`);
    github.done();
    expect(locationOf(callback)).toBe(`${BASE_URL}/acme/web/pr-12/docs/`);
    expect(browser.jar.attributes("slipway.example.test", "__Secure-slipway-session")).toMatch(/^Max-Age=\d+; Path=\/sites\/; HttpOnly; Secure; SameSite=Lax$/);
    const page = await browser.get(`${BASE_URL}/acme/web/pr-12/docs/`);
    expect([page.status, text(page)]).toEqual([200, "<h1>Docs</h1>"]);
  });
});

describe("GitHub Enterprise Server", () => {
  it("signs in on the server GHE_HOST names", async () => {
    await fixture.cleanup();
    fixture = await accessFixture({ apiUrl: "https://github.acme.test/api/v3" });
    const browser = testBrowser(() => fixture.deps);
    const start = await browser.get(`${BASE_URL}/.slipway/start?site=acme%2Fweb%2Fpr-12&to=%2F&nonce=n`);
    const authorize = new URL(locationOf(start));
    expect(`${authorize.origin}${authorize.pathname}`).toBe("https://github.acme.test/login/oauth/authorize");

    const web = nock("https://github.acme.test").post("/login/oauth/access_token").reply(200, apiFixture("oauth-access-token"), { Date: fixture.clock.now.toUTCString() });
    const api = nock("https://github.acme.test/api/v3").get("/user").reply(200, apiFixture("user")).get("/repos/acme/web").reply(200, apiFixture("repository"));
    const callback = await browser.get(`${CALLBACK}?code=4e5a3c2b1d&state=${authorize.searchParams.get("state") ?? ""}`);
    web.done();
    api.done();
    expect(callback.status).toBe(303);
  });
});

describe("public repositories", () => {
  it("are served to anyone, with no cookie, shared caches allowed, and the site headers", async () => {
    const browser = testBrowser(() => fixture.deps);
    const page = await browser.get("https://production--web--acme.previews.example.test/docs/");

    expect([page.status, text(page), page.cookies]).toEqual([200, "<h1>Docs</h1>", undefined]);
    expect(page.headers).toMatchObject({ "Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "strict-origin-when-cross-origin" });
  });

  it("treat an environment recorded without its visibility as private", async () => {
    const browser = testBrowser(() => fixture.deps);
    expect((await browser.get("https://pr-7--web--acme.previews.example.test/")).status).toBe(303);
  });
});
