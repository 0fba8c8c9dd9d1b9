import { stat } from "node:fs/promises";
import { request as httpRequest } from "node:http";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import nock from "nock";
import type { LocalRuntime } from "../../src/local/start-local";
import { startTestRuntime, type TestRuntime } from "../helpers/test-runtime";
import { tar } from "../providers/static/tarball";
import { API, apiFixture } from "../helpers/github-api";
import * as github from "../helpers/preview-api";
import { pullRequestPayload } from "../helpers/webhook-fixtures";
import { CookieJar } from "../site/test-browser";

const { OWNER, REPO, SHA } = github;
const CLIENT_ID = "Iv1.8a61f9b3a7aba766";
const CLIENT_SECRET = "1f4b2c0e8d7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c";
const PAGE = "<!doctype html><h1>Preview of #2, private</h1>";

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  url: URL;
}

/**
 * A browser over real HTTP to the local server: every request goes to its loopback port with
 * the `Host` of the URL (so `*.localhost` names work without DNS), cookies kept per host.
 */
function browser(port: number) {
  const jar = new CookieJar();
  return {
    jar,
    get(address: string): Promise<Answer> {
      const url = new URL(address);
      return new Promise((resolve, reject) => {
        const cookie = jar.header(url);
        const outgoing = httpRequest({ host: "127.0.0.1", port, path: `${url.pathname}${url.search}`, headers: { host: url.host, ...(cookie ? { cookie } : {}) } }, (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => {
            jar.store(url, response.headers["set-cookie"] ?? []);
            resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString("utf8"), url });
          });
        });
        outgoing.on("error", reject);
        outgoing.end();
      });
    },
  };
}

function location(answer: Answer): string {
  const value = answer.headers.location;
  if (typeof value !== "string") throw new Error(`expected a redirect, got ${answer.status}: ${answer.body}`);
  return new URL(value, answer.url).toString();
}

// The local runtime as `npm start` runs it, with SITE_DOMAIN and sign-in set: a signed delivery
// of a private repository's pull request builds its preview, which only its readers can open.
describe("private previews on the local runtime, end to end", () => {
  let e2e: TestRuntime;
  let runtime: LocalRuntime;
  let port: number;
  let site: string;

  beforeAll(async () => {
    e2e = await startTestRuntime((listening) => ({ SITE_DOMAIN: `localhost:${listening}`, GITHUB_CLIENT_ID: CLIENT_ID, GITHUB_CLIENT_SECRET: CLIENT_SECRET }));
    ({ runtime, port } = e2e);
    site = `http://pr-2--${REPO}--${OWNER}.localhost:${port}`;

    const event = pullRequestPayload("opened");
    event.repository.owner.login = OWNER;
    event.repository.name = REPO;
    event.repository.full_name = `${OWNER}/${REPO}`;
    event.repository.private = true;
    event.pull_request.head.sha = SHA;
    const body = JSON.stringify(event);
    const archive = gzipSync(await tar([{ name: `${OWNER}-${REPO}-6dcb09b/`, type: "directory" }, { name: `${OWNER}-${REPO}-6dcb09b/public/index.html`, body: PAGE }]));
    const scope = nock(API).post("/app/installations/1/access_tokens").reply(201, { token: "ghs_e2etoken", expires_at: "2099-01-01T00:00:00Z" });
    scope.get(`/repos/${OWNER}/${REPO}/contents/.github%2Fslipway.yml`).query({ ref: SHA }).reply(404, { message: "Not Found" });
    scope.get(`/repos/${OWNER}/.github/contents/.github%2Fslipway.yml`).reply(404, { message: "Not Found" });
    github.mockTarball(scope, archive);
    github.mockDeploymentCreated(scope, "pr-2");
    github.mockCheckRunCreated(scope, "Slipway / preview");
    github.mockCommentCreated(scope, 2);
    github.mockDeploymentStatuses(scope, 1);
    const statuses: Array<Record<string, unknown>> = [];
    scope.on("request", (request: { path?: string }, _interceptor: unknown, sent?: string) => {
      if (sent && /\/statuses$/.test(request.path ?? "")) statuses.push(JSON.parse(sent) as Record<string, unknown>);
    });

    const delivered = await e2e.deliver("pull_request", body);
    expect(delivered.status).toBe(200);
    await runtime.drain();
    scope.done();
    // The link Slipway posts is the environment's own origin.
    expect(statuses.at(-1)).toMatchObject({ state: "success", environment_url: `${site}/` });
  });

  afterAll(() => e2e.close());

  /** GitHub's side of a sign-in whose repository check answers `repository`. */
  function mockSignIn(login: string, repository: 200 | 404) {
    const token = `ghu_${login}TokenOfTheE2eTest0123456789`;
    const web = nock("https://github.com")
      .post("/login/oauth/access_token", (body: Record<string, string>) => body.client_id === CLIENT_ID && body.client_secret === CLIENT_SECRET && /^[\w-]{43}$/.test(body.code_verifier ?? ""))
      .reply(200, { ...apiFixture("oauth-access-token"), access_token: token }, { Date: new Date().toUTCString() });
    const api = nock(API)
      .matchHeader("authorization", `token ${token}`)
      .get("/user")
      .reply(200, { ...apiFixture("user"), login })
      .get(`/repos/${OWNER}/${REPO}`)
      .reply(repository, repository === 200 ? apiFixture("repository") : { message: "Not Found" });
    return () => {
      web.done();
      api.done();
    };
  }

  /** Anonymous visit → the sign-in page → GitHub (skipped: its answer is the callback) → hand-off → the page. */
  async function signInAs(login: string, repository: 200 | 404): Promise<{ final: Answer; visitor: ReturnType<typeof browser> }> {
    const visitor = browser(port);
    const anonymous = await visitor.get(`${site}/`);
    expect(anonymous.status).toBe(303);
    expect(location(anonymous)).toBe(`${site}/.slipway/sign-in?to=%2F`);

    const page = await visitor.get(location(anonymous));
    expect(page.status).toBe(200);
    const start = /class="button" href="([^"]+)"/.exec(page.body)?.[1]?.replace(/&#38;/g, "&") ?? "";
    const toGitHub = await visitor.get(start);
    const authorize = new URL(location(toGitHub));
    expect(authorize.origin).toBe("https://github.com");

    const done = mockSignIn(login, repository);
    const callback = await visitor.get(`http://127.0.0.1:${port}/sites/.slipway/callback?code=e2e-code&state=${authorize.searchParams.get("state") ?? ""}`);
    const handoff = await visitor.get(location(callback));
    done();
    expect(location(handoff)).toBe(`${site}/`);
    return { final: await visitor.get(location(handoff)), visitor };
  }

  it("sends an anonymous visitor to sign in, and serves them nothing of the preview", async () => {
    const anonymous = await browser(port).get(`${site}/`);

    expect(anonymous.status).toBe(303);
    expect(anonymous.body).not.toContain("Preview of #2");
    expect(anonymous.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("serves the preview to a collaborator after signing in with GitHub", async () => {
    const { final, visitor } = await signInAs("octocat", 200);

    expect(final.status).toBe(200);
    expect(final.body).toBe(PAGE);
    expect(visitor.jar.attributes(`pr-2--${REPO}--${OWNER}.localhost:${port}`, "slipway-session")).toMatch(/^Max-Age=\d+; Path=\/; HttpOnly; SameSite=Lax$/);
  });

  it("answers 403 to someone who cannot read the repository, naming it", async () => {
    const { final } = await signInAs("outsider", 404);

    expect(final.status).toBe(403);
    expect(final.body).toContain("<code>acme/web</code>");
    expect(final.body).toContain("@outsider");
    expect(final.body).not.toContain("Preview of #2");
  });

  it("redirects the path form to the environment's own origin", async () => {
    const answer = await browser(port).get(`http://127.0.0.1:${port}/sites/${OWNER}/${REPO}/pr-2/`);
    expect([answer.status, location(answer)]).toEqual([308, `${site}/`]);
  });

  it("keeps its session key in the data folder, readable by its owner only", async () => {
    expect((await stat(join(e2e.dataDir, "session-key"))).mode & 0o777).toBe(0o600);
  });
});
