import { createHash, createPrivateKey, createPublicKey } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import nock from "nock";
import { intakeJobId } from "../../src/jobs/intake/intake-job";
import type { LocalRuntime } from "../../src/local/start-local";
import { startTestRuntime, type TestRuntime } from "../helpers/test-runtime";
import { tar } from "../providers/static/tarball";
import { API, recordCalls } from "../helpers/github-api";
import * as github from "../helpers/preview-api";
import { pullRequestPayload, signedHeaders } from "../helpers/webhook-fixtures";

const { OWNER, REPO, SHA } = github;


/** A recorded payload, moved to the repository the GitHub mocks serve. */
function payload(action: "opened" | "closed") {
  const event = pullRequestPayload(action);
  event.repository.owner.login = OWNER;
  event.repository.name = REPO;
  event.repository.full_name = `${OWNER}/${REPO}`;
  event.pull_request.head.sha = SHA;
  return JSON.stringify(event);
}

// The whole local runtime over HTTP: a signed delivery in, the worker through the in-process
// queue, the embedded DynamoDB-compatible server, blobs in a folder, and the site server out.
describe("the local runtime, end to end", () => {
  let e2e: TestRuntime;
  let runtime: LocalRuntime;
  let siteBase: string;

  beforeAll(async () => {
    e2e = await startTestRuntime();
    ({ runtime, siteBase } = e2e);
  });

  afterAll(() => e2e.close());

  const deliver = (action: "opened" | "closed"): Promise<Response> => e2e.deliver("pull_request", payload(action));

  it("serves the committed index.html at the preview URL after a signed pull_request.opened", async () => {
    const archive = gzipSync(
      await tar([
        { name: `${OWNER}-${REPO}-6dcb09b/`, type: "directory" },
        { name: `${OWNER}-${REPO}-6dcb09b/public/index.html`, body: "<!doctype html><h1>Preview of #2</h1>" },
        { name: `${OWNER}-${REPO}-6dcb09b/public/docs/index.html`, body: "<h1>Docs</h1>" },
      ]),
    );
    const scope = nock(API).post("/app/installations/1/access_tokens").reply(201, { token: "ghs_e2etoken", expires_at: "2099-01-01T00:00:00Z" });
    scope.get(`/repos/${OWNER}/${REPO}/contents/.github%2Fslipway.yml`).query({ ref: SHA }).reply(404, { message: "Not Found" });
    scope.get(`/repos/${OWNER}/.github/contents/.github%2Fslipway.yml`).reply(404, { message: "Not Found" });
    github.mockDeploymentCreated(scope, "pr-2");
    github.mockTarball(scope, archive);
    github.mockCheckRunCreated(scope, "Slipway / preview");
    github.mockCommentCreated(scope, 2);
    github.mockDeploymentStatuses(scope, 1);
    const log = recordCalls(scope);

    const response = await deliver("opened");
    expect(response.status).toBe(200);
    await runtime.drain();

    scope.done();
    // Every GitHub API call of one preview, token exchange included (the archive download is on the download host).
    expect(log.calls).toEqual([
      "POST /app/installations/1/access_tokens",
      "GET /repos/acme/web/contents/.github/slipway.yml",
      "GET /repos/acme/.github/contents/.github/slipway.yml",
      `GET /repos/acme/web/tarball/${SHA}`,
      "POST /repos/acme/web/deployments",
      "POST /repos/acme/web/check-runs",
      "POST /repos/acme/web/issues/2/comments",
      `POST /repos/acme/web/deployments/${github.DEPLOYMENT_ID}/statuses`,
    ]);
    const page = await fetch(`${siteBase}/${OWNER}/${REPO}/pr-2/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await page.text()).toBe("<!doctype html><h1>Preview of #2</h1>");
    expect(await (await fetch(`${siteBase}/${OWNER}/${REPO}/pr-2/docs/`)).text()).toBe("<h1>Docs</h1>");
  });

  it("stops serving the preview when the pull request closes, acknowledging the delivery before any of its jobs starts", async () => {
    const scope = nock(API);
    github.mockDeploymentStatuses(scope, 1);
    github.mockCommentUpdated(scope);

    const body = payload("closed");
    const headers = signedHeaders("pull_request", body, { delivery: "delivery-closed" });
    expect((await fetch(`${runtime.url}/api/github/webhooks`, { method: "POST", headers, body })).status).toBe(200);
    // The in-process queue starts no batch while a delivery is recorded, nor for 50 ms after.
    // (The runtime runs in this process: its 50 ms timer cannot fire before this 10 ms one.)
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await runtime.storage.stores.jobs.get(intakeJobId("delivery-closed"))).toMatchObject({ state: "queued", attempts: 0 });
    await runtime.drain();
    expect(await runtime.storage.stores.jobs.get(intakeJobId("delivery-closed"))).toMatchObject({ state: "succeeded" });

    scope.done();
    expect((await fetch(`${siteBase}/${OWNER}/${REPO}/pr-2/`)).status).toBe(404);
  });

  it("refuses a forged delivery over HTTP with 401", async () => {
    const body = payload("opened");
    const response = await fetch(`${runtime.url}/api/github/webhooks`, {
      method: "POST",
      headers: signedHeaders("pull_request", body, { secret: "wrong" }),
      body,
    });
    expect(response.status).toBe(401);
  });
  it("creates its sealing key on first start (mode 0600) and answers its public half at /api/slipway/public-key", async () => {
    const keyFile = join(e2e.dataDir, "sealing-key");
    const { mode } = await stat(keyFile);
    const secretKey = Buffer.from((await readFile(keyFile, "utf8")).trim(), "base64");
    // node's own X25519 derives the public key from the raw secret key (in its PKCS#8 wrapping).
    const pkcs8 = Buffer.concat([Buffer.from("302e020100300506032b656e04220420", "hex"), secretKey]);
    const publicKey = createPublicKey(createPrivateKey({ key: pkcs8, format: "der", type: "pkcs8" }));

    const response = await fetch(`${runtime.url}/api/slipway/public-key`);
    const body = (await response.json()) as { key_id: string; key: string };

    expect(mode & 0o777).toBe(0o600);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=3600");
    expect(Object.keys(body)).toEqual(["key_id", "key"]);
    expect(body.key).toBe(Buffer.from(publicKey.export({ format: "jwk" }).x ?? "", "base64url").toString("base64"));
    expect(body.key_id).toBe(createHash("sha256").update(Buffer.from(body.key, "base64")).digest("hex").slice(0, 16));
    expect(body.key_id).toBe(runtime.keyRing.sealingKey.id);

    const again = await fetch(`${runtime.url}/api/slipway/public-key`, { headers: { "if-none-match": `"${body.key_id}"` } });
    expect(again.status).toBe(304);
    expect((await fetch(`${runtime.url}/api/slipway/public-key`, { method: "POST" })).status).toBe(405);
  });
});
