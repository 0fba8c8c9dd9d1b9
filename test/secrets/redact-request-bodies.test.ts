import nock from "nock";
import { parseEnv } from "../../src/config/env";
import { upsertCheckRun } from "../../src/github/upsert-check-run";
import { createProbot } from "../../src/runtime/github-app";
import { Redactor } from "../../src/secrets/redactor";
import { API, apiFixture } from "../helpers/github-api";
import { TEST_APP_ID, TestOctokit, testPrivateKey } from "../helpers/test-probot";
import { WEBHOOK_SECRET } from "../helpers/webhook-fixtures";

const SECRET = "npm_Zx9Qk2LmP4rT7vW1yB3nD5fH8jK0sA6cE";
const SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
const env = parseEnv({ APP_ID: String(TEST_APP_ID), PRIVATE_KEY: testPrivateKey(), WEBHOOK_SECRET, LOG_LEVEL: "fatal" });

/** The installation client exactly as the app builds it (throttling off), with a secret opened. */
async function installationClient(installationId: number) {
  const redactor = new Redactor();
  redactor.register(SECRET);
  const probot = createProbot(env, { Octokit: TestOctokit, redactor });
  return probot.auth(installationId);
}

// Every request Slipway sends to GitHub's API goes out with opened secrets masked: the body
// GitHub receives (nock sees it as sent) never holds one.
describe("masking secrets in requests to GitHub", () => {
  it("masks a secret in a check run's output, as GitHub receives it", async () => {
    const bodies: unknown[] = [];
    const scope = nock(API)
      .post("/app/installations/31/access_tokens")
      .reply(201, { token: "ghs_masking", expires_at: "2099-01-01T00:00:00Z" })
      .get(`/repos/acme/web/commits/${SHA}/check-runs`)
      .query(true)
      .reply(200, { total_count: 0, check_runs: [] })
      .post("/repos/acme/web/check-runs", (body) => bodies.push(body) > 0)
      .reply(201, apiFixture("check-run"));
    const octokit = await installationClient(31);

    await upsertCheckRun(octokit, {
      owner: "acme",
      repo: "web",
      headSha: SHA,
      name: "Slipway / publish",
      status: "completed",
      conclusion: "failure",
      title: `npm refused ${SECRET}`,
      summary: `| npm | failed | https://user:${encodeURIComponent(SECRET)}@registry.example.test |`,
      text: `npm ERR! 401 for {"token":${JSON.stringify(SECRET)}}\nAuthorization: Basic ${Buffer.from(`user:${SECRET}`).toString("base64")}`,
    });

    scope.done();
    const sent = JSON.stringify(bodies);
    expect(sent).not.toContain(SECRET);
    expect(sent).not.toContain(Buffer.from(`user:${SECRET}`).toString("base64").slice(8, 40));
    expect(bodies[0]).toMatchObject({
      head_sha: SHA,
      output: { title: "npm refused ***", summary: "| npm | failed | https://user:***@registry.example.test |" },
    });
  });

  it("masks comments and commit messages and contents, but not the bytes of an upload", async () => {
    const received: Record<string, unknown> = {};
    const scope = nock(API)
      .post("/app/installations/32/access_tokens")
      .reply(201, { token: "ghs_masking2", expires_at: "2099-01-01T00:00:00Z" })
      .post("/repos/acme/web/issues/2/comments", (body) => Boolean((received.comment = body)))
      .reply(201, { id: 1 })
      .put("/repos/acme/homebrew-tap/contents/Formula%2Fsite.rb", (body) => Boolean((received.file = body)))
      .reply(200, { content: {}, commit: {} });
    const uploads = nock("https://uploads.github.com")
      .post("/repos/acme/web/releases/7/assets")
      .query({ name: "notes.txt" })
      .reply(201, function (_uri, body) {
        received.upload = body;
        return { id: 3 };
      });
    const octokit = await installationClient(32);

    await octokit.rest.issues.createComment({ owner: "acme", repo: "web", issue_number: 2, body: `token is ${SECRET}` });
    await octokit.rest.repos.createOrUpdateFileContents({
      owner: "acme",
      repo: "homebrew-tap",
      path: "Formula/site.rb",
      message: `site 1.2.3 (${SECRET})`,
      content: Buffer.from(`url "https://example.test/?t=${SECRET}"\n`).toString("base64"),
    });
    const asset = Buffer.from(`release notes mention ${SECRET}`);
    await octokit.rest.repos.uploadReleaseAsset({
      owner: "acme",
      repo: "web",
      release_id: 7,
      name: "notes.txt",
      data: asset as unknown as string,
      headers: { "content-type": "text/plain", "content-length": asset.length },
    });

    scope.done();
    uploads.done();
    expect(received.comment).toEqual({ body: "token is ***" });
    expect(received.file).toMatchObject({ message: "site 1.2.3 (***)" });
    expect(Buffer.from(String((received.file as { content: string }).content).replace(/\*\*\*/g, ""), "base64").toString()).not.toContain(SECRET.slice(4, 20));
    // An upload is the user's file, sent as is.
    expect(received.upload).toBe(asset.toString());
  });
});
