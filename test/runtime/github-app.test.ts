import nock from "nock";
import pino from "pino";
import { Redactor } from "../../src/secrets/redactor";
import { parseEnv } from "../../src/config/env";
import { NO_BLIND_RETRY } from "../../src/github/create-once";
import { createProbot, githubBaseUrl, MissingCredentialsError, SlipwayOctokit } from "../../src/runtime/github-app";
import { TEST_APP_ID, testPrivateKey } from "../helpers/test-probot";
import { WEBHOOK_SECRET } from "../helpers/webhook-fixtures";

const env = (extra: Record<string, string> = {}) =>
  parseEnv({ APP_ID: String(TEST_APP_ID), PRIVATE_KEY: testPrivateKey(), WEBHOOK_SECRET, LOG_LEVEL: "fatal", ...extra });

// Production's Octokit (retries and throttling on), with only the retry base delay
// shortened so the test does not sleep for seconds.
const QuickRetryOctokit = SlipwayOctokit.defaults((options: Record<string, unknown>) => ({
  ...options,
  retry: { retryAfterBaseValue: 5 },
}));

describe("the GitHub App client", () => {
  it("retries GitHub's 5xx answers with back-off", async () => {
    const scope = nock("https://api.github.com")
      .post("/app/installations/7/access_tokens")
      .reply(201, { token: "ghs_x", expires_at: "2099-01-01T00:00:00Z" })
      .get("/repos/acme/web")
      .reply(502, { message: "Server Error" })
      .get("/repos/acme/web")
      .reply(503, { message: "Unavailable" })
      .get("/repos/acme/web")
      .reply(200, { id: 1, full_name: "acme/web" });

    const octokit = await createProbot(env(), { Octokit: QuickRetryOctokit }).auth(7);
    const { data } = await octokit.rest.repos.get({ owner: "acme", repo: "web" });

    expect(data.full_name).toBe("acme/web");
    scope.done();
  });

  it("never retries a create on its own: one that answered 502 may have landed", async () => {
    const scope = nock("https://api.github.com")
      .post("/app/installations/7/access_tokens")
      .reply(201, { token: "ghs_x", expires_at: "2099-01-01T00:00:00Z" })
      .post("/repos/acme/web/issues/12/comments")
      .reply(502, { message: "Server Error" });

    const octokit = await createProbot(env(), { Octokit: QuickRetryOctokit }).auth(7);
    await expect(octokit.rest.issues.createComment({ owner: "acme", repo: "web", issue_number: 12, body: "hi", ...NO_BLIND_RETRY })).rejects.toMatchObject({ status: 502 });
    scope.done();
  });

  it("waits out a secondary rate limit and tries again", async () => {
    const scope = nock("https://api.github.com")
      .post("/app/installations/8/access_tokens")
      .reply(201, { token: "ghs_y", expires_at: "2099-01-01T00:00:00Z" })
      .get("/repos/acme/web")
      .reply(403, { message: "You have exceeded a secondary rate limit." }, { "retry-after": "1" })
      .get("/repos/acme/web")
      .reply(200, { id: 1, full_name: "acme/web" });

    const started = Date.now();
    const octokit = await createProbot(env(), { Octokit: QuickRetryOctokit }).auth(8);
    await octokit.rest.repos.get({ owner: "acme", repo: "web" });

    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    scope.done();
  });

  it("builds its logger with every line masked by the redactor", () => {
    const redactor = new Redactor();
    redactor.register("npm_Zx9Qk2LmP4rT7vW1yB3nD5fH8jK0sA6cE");
    const { log } = createProbot(env(), { redactor });
    const hooks = (log as unknown as Record<symbol, { streamWrite?: (line: string) => string }>)[pino.symbols.hooksSym];

    expect(hooks?.streamWrite?.('{"msg":"token npm_Zx9Qk2LmP4rT7vW1yB3nD5fH8jK0sA6cE"}')).toBe('{"msg":"token ***"}');
  });

  it("talks to GitHub Enterprise Server's API when GHE_HOST is set", () => {
    expect(githubBaseUrl(env({ GHE_HOST: "github.example.com" }))).toBe("https://github.example.com/api/v3");
    expect(githubBaseUrl(env())).toBeUndefined();
  });

  it("says which credential is missing", () => {
    expect(() => createProbot(parseEnv({ APP_ID: "1", PRIVATE_KEY: testPrivateKey() }))).toThrow(MissingCredentialsError);
    expect(() => createProbot(parseEnv({ APP_ID: "1", PRIVATE_KEY: testPrivateKey() }))).toThrow(/WEBHOOK_SECRET/);
  });
});
