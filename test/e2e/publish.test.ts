import { CreateBucketCommand, GetObjectCommand } from "@aws-sdk/client-s3";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nock from "nock";
import { createS3Client } from "../../src/blobs/create-s3-client";
import type { ReleaseAsset } from "../../src/github/release-asset";
import { fetchPublicKey } from "../../src/secrets/fetch-public-key";
import { sealSecret } from "../../src/secrets/seal-secret";
import { API, apiFixture } from "../helpers/github-api";
import { startTestRuntime, type TestRuntime } from "../helpers/test-runtime";
import { signedHeaders } from "../helpers/webhook-fixtures";
import { NpmCli } from "../jobs/publish/targets/npm-cli";
import { sdist, wheel } from "../jobs/publish/targets/python-dists";
import { DOWNLOAD_HOST, releaseAsset } from "../jobs/publish/targets/release-fixture";

// The real npm client, Verdaccio, the PyPI stand-in and s3rver, on a busy machine.
jest.setTimeout(180_000);

const OWNER = "acme";
const REPO = "web";
const SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
const registry = process.env.TEST_NPM_REGISTRY ?? "";
const npmToken = process.env.TEST_NPM_TOKEN ?? "";
const pypiIndex = process.env.TEST_PYPI_URL ?? "";
const pypiToken = process.env.TEST_PYPI_TOKEN ?? "";
const s3Endpoint = process.env.TEST_S3_ENDPOINT ?? "";
const s3 = createS3Client({ endpoint: s3Endpoint, region: "us-east-1", forcePathStyle: true });
const npm = new NpmCli(registry, npmToken);
const work = mkdtempSync(join(tmpdir(), "slipway-publish-e2e-"));
const suffix = randomUUID().slice(0, 8);
const npmName = `acme-core-${suffix}`;
const pyName = `acme-core-${suffix}`;
const bucket = `downloads-${suffix}`;
const TAP_CONTENTS = "/repos/acme/homebrew-tap/contents/Formula%2Fsite.rb";

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(__dirname, "..", "..", "fixtures", "webhooks", `${name}.json`), "utf8")) as Record<string, unknown>;
}

/** The recorded webhook, moved to acme/web (installation 1). */
function atRepository(payload: Record<string, unknown>): Record<string, unknown> {
  const repository = payload.repository as Record<string, unknown>;
  return { ...payload, installation: { id: 1 }, repository: { ...repository, name: REPO, full_name: `${OWNER}/${REPO}`, owner: { ...(repository.owner as object), login: OWNER } } };
}

function releasePublished(id: number, tag: string): string {
  const payload = atRepository(fixture("release.published"));
  return JSON.stringify({ ...payload, release: { ...(payload.release as object), id, tag_name: tag, author: { login: "mona", id: 1 } } });
}

function retryPressed(checkRunId: number, releaseId: number): string {
  const payload = atRepository(fixture("check_run.requested_action"));
  const run = payload.check_run as Record<string, unknown>;
  return JSON.stringify({
    ...payload,
    check_run: { ...run, id: checkRunId, name: "Slipway / publish", external_id: `slipway-publish:${releaseId}`, head_sha: SHA, completed_at: new Date().toISOString() },
    requested_action: { identifier: "retry-failed" },
    sender: { login: "octocat", id: 2 },
  });
}

interface ReleaseFiles {
  assets: ReleaseAsset[];
  bodies: Map<number, Buffer>;
}

/** The assets of one release: an `npm pack` output, a wheel and an sdist, and the site's tarballs. */
async function releaseFiles(version: string): Promise<ReleaseFiles> {
  const dir = mkdtempSync(join(work, "pkg-"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: npmName, version, description: "published by Slipway", license: "MIT" }));
  writeFileSync(join(dir, "index.js"), "module.exports = 42;\n");
  const packed = (await npm.run(["pack", "--silent", "--pack-destination", dir], dir)).trim().split("\n").pop() ?? "";
  const files: [string, Buffer][] = [
    [packed, readFileSync(join(dir, packed))],
    ...[wheel({ name: pyName, version }), await sdist({ name: pyName, version })].map((dist): [string, Buffer] => [dist.filename, dist.body]),
    [`site-${version}.tar.gz`, randomBytes(2048)],
    [`site-${version}-darwin-arm64.tar.gz`, randomBytes(1024)],
  ];
  const bodies = new Map<number, Buffer>();
  const assets = files.map(([name, body]) => {
    const asset = releaseAsset(name, body);
    bodies.set(asset.id, body);
    return asset;
  });
  return { assets, bodies };
}

/** GitHub's asset downloads: the API's redirect and the download host (which never sees the token). */
function mockDownloads(files: ReleaseFiles): nock.Scope[] {
  return files.assets.flatMap((asset) => {
    const path = `/github-production-release-asset/123456/${asset.id}-5f0b`;
    const body = files.bodies.get(asset.id) ?? Buffer.alloc(0);
    return [
      nock(API).get(`/repos/${OWNER}/${REPO}/releases/assets/${asset.id}`).reply(302, "", { Location: `${DOWNLOAD_HOST}${path}?sig=abc` }).persist(),
      nock(DOWNLOAD_HOST, { badheaders: ["authorization"] }).get(path).query(true).reply(200, body, { "Content-Length": String(body.length) }).persist(),
    ];
  });
}

function formula(version: string, url: string, hash: string): string {
  return `class Site < Formula\n  desc "Ships static sites"\n  url "${url}"\n  sha256 "${hash}"\n  version "${version}"\nend\n`;
}

function contents(text: string) {
  return { type: "file", encoding: "base64", size: text.length, name: "site.rb", path: "Formula/site.rb", content: Buffer.from(text).toString("base64"), sha: "3d21ec53a331a6f037a91c368710b99387d012c1", html_url: "https://github.com/acme/homebrew-tap/blob/main/Formula/site.rb" };
}

/** Every check run Slipway creates or updates on acme/web, with the bodies it sent. */
function recordCheckRuns(): { creates: Record<string, unknown>[]; updates: Record<string, unknown>[]; scope: nock.Scope } {
  const creates: Record<string, unknown>[] = [];
  const updates: Record<string, unknown>[] = [];
  let nextId = 7000;
  const scope = nock(API)
    .post(`/repos/${OWNER}/${REPO}/check-runs`)
    .reply(201, (_uri, body) => {
      creates.push(body as Record<string, unknown>);
      nextId += 1;
      return { ...apiFixture<Record<string, unknown>>("check-run"), id: nextId, name: "Slipway / publish", head_sha: SHA, status: "in_progress" };
    })
    .persist()
    .patch(/\/repos\/acme\/web\/check-runs\/\d+$/)
    .reply(200, (uri, body) => {
      updates.push(body as Record<string, unknown>);
      return { ...apiFixture<Record<string, unknown>>("check-run"), id: Number(uri.split("/").pop()), name: "Slipway / publish", head_sha: SHA, status: "completed" };
    })
    .persist();
  return { creates, updates, scope };
}

describe("publish on release, end to end on the local runtime", () => {
  let e2e: TestRuntime;
  let config: string;

  beforeAll(async () => {
    e2e = await startTestRuntime();
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    const key = await fetchPublicKey(e2e.runtime.url);
    const seal = (value: string) => sealSecret({ scope: `${OWNER}/${REPO}`, value }, key);
    config = [
      "secrets:",
      `  NPM_TOKEN: ${await seal(npmToken)}`,
      `  PYPI_TOKEN: ${await seal(pypiToken)}`,
      `  MIRROR_KEY_ID: ${await seal("S3RVER")}`,
      `  MIRROR_SECRET: ${await seal("S3RVER")}`,
      "publish:",
      "  concurrency: 4",
      "  retries: 0",
      "  targets:",
      "    npm:",
      "      type: npm",
      `      asset: "${npmName}-*.tgz"`,
      `      registry: ${registry}`,
      "      token: NPM_TOKEN",
      "    pypi:",
      "      type: pypi",
      `      assets: ["*.whl", "${pyName.replace(/-/g, "_")}-*.tar.gz"]`,
      `      repository: ${pypiIndex}/legacy/`,
      "      token: PYPI_TOKEN",
      "    mirror:",
      "      type: s3",
      `      assets: ["site-*.tar.gz"]`,
      `      bucket: ${bucket}`,
      `      prefix: "site/{version}/"`,
      "      region: us-east-1",
      `      endpoint: ${s3Endpoint}`,
      "      access_key_id: MIRROR_KEY_ID",
      "      secret_access_key: MIRROR_SECRET",
      "    homebrew:",
      "      type: homebrew",
      "      tap: acme/homebrew-tap",
      "      formula: site",
      `      asset: "site-*-darwin-arm64.tar.gz"`,
      "      needs: [mirror]",
      "",
    ].join("\n");
  });

  afterAll(async () => {
    await e2e.close();
    s3.destroy();
    npm.cleanUp();
    rmSync(work, { recursive: true, force: true });
  });

  /** GitHub's answers every run of a release reads: the release, its tag's commit and the config there. */
  function mockRelease(scope: nock.Scope, id: number, tag: string, files: ReleaseFiles): void {
    scope
      .get(`/repos/${OWNER}/${REPO}/releases/${id}`)
      .reply(200, { id, tag_name: tag, draft: false, prerelease: false, html_url: `https://github.com/acme/web/releases/tag/${tag}`, assets: files.assets })
      .get(`/repos/${OWNER}/${REPO}/commits/tags%2F${tag}`)
      .reply(200, { sha: SHA })
      .get(`/repos/${OWNER}/${REPO}/contents/.github%2Fslipway.yml`)
      .query({ ref: tag })
      .reply(200, config, { "Content-Type": "text/plain; charset=utf-8" });
  }

  /** The release's propagation job, which reads the config at the tag too and finds no `propagate:`. */
  function mockPropagationRead(scope: nock.Scope, tag: string): void {
    scope
      .get(`/repos/${OWNER}/${REPO}/contents/.github%2Fslipway.yml`)
      .query({ ref: tag })
      .reply(200, config, { "Content-Type": "text/plain; charset=utf-8" });
  }

  const deliver = async (event: string, body: string, delivery = randomUUID()) => {
    const response = await fetch(`${e2e.runtime.url}/api/github/webhooks`, { method: "POST", headers: signedHeaders(event, body, { delivery }), body });
    expect(response.status).toBe(200);
    await e2e.runtime.drain();
  };

  it("publishes a release to npm, PyPI, S3 and the Homebrew tap, then publishes nothing again on redelivery", async () => {
    const files = await releaseFiles("1.2.3");
    const darwin = files.assets.find((asset) => asset.name.endsWith("darwin-arm64.tar.gz"));
    if (!darwin) throw new Error("no darwin asset");
    const darwinSha = createHash("sha256").update(files.bodies.get(darwin.id) ?? "").digest("hex");
    const old = formula("1.2.2", "https://github.com/acme/web/releases/download/v1.2.2/site-1.2.2-darwin-arm64.tar.gz", "b".repeat(64));
    const updated = formula("1.2.3", darwin.browser_download_url, darwinSha);
    // The publish and propagation jobs start together, and each may exchange a token before either is cached.
    const github = nock(API)
      .post("/app/installations/1/access_tokens")
      .reply(201, { token: "ghs_e2etoken", expires_at: "2099-01-01T00:00:00Z" })
      .post("/app/installations/1/access_tokens")
      .optionally()
      .reply(201, { token: "ghs_e2etoken", expires_at: "2099-01-01T00:00:00Z" });
    mockRelease(github, 101, "v1.2.3", files);
    mockPropagationRead(github, "v1.2.3");
    const tap = nock(API)
      .get(TAP_CONTENTS)
      .times(3)
      .reply(200, contents(old))
      .put(TAP_CONTENTS, (body: { message?: string; content?: string }) => Buffer.from(body.content ?? "", "base64").toString() === updated)
      .reply(200, { content: contents(updated), commit: { sha: "c0ffee", html_url: "https://github.com/acme/homebrew-tap/commit/c0ffee" } });
    const checks = recordCheckRuns();
    mockDownloads(files);

    const delivery = randomUUID();
    await deliver("release", releasePublished(101, "v1.2.3"), delivery);

    github.done();
    tap.done();
    // npm, read back with npm's own client.
    expect(await npm.view(`${npmName}@1.2.3`, "version")).toBe("1.2.3");
    const npmAsset = files.assets.find((asset) => asset.name.endsWith(".tgz"));
    expect(await npm.view(`${npmName}@1.2.3`, "dist.shasum")).toBe(createHash("sha1").update(files.bodies.get(npmAsset?.id ?? 0) ?? "").digest("hex"));
    // PyPI, from the stand-in's JSON API.
    const pypi = (await (await fetch(`${pypiIndex}/pypi/${pyName}/1.2.3/json`)).json()) as { urls: { filename: string }[] };
    expect(pypi.urls.map((file) => file.filename).sort()).toEqual(files.assets.filter((asset) => /\.whl$|^acme_core/.test(asset.name)).map((asset) => asset.name).sort());
    // S3, from s3rver.
    const site = files.assets.find((asset) => asset.name === "site-1.2.3.tar.gz");
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: "site/1.2.3/site-1.2.3.tar.gz" }));
    expect(Buffer.from(await object.Body!.transformToByteArray())).toEqual(files.bodies.get(site?.id ?? 0));
    // One check run, created once and completed green, with every target in its table and no secret anywhere.
    expect(checks.creates).toHaveLength(1);
    const final = checks.updates.at(-1) as { conclusion?: string; output: { title: string; summary: string }; actions?: unknown };
    expect(final.conclusion).toBe("success");
    expect(final.output.title).toBe("Published v1.2.3 to 4 targets");
    for (const name of ["npm", "pypi", "mirror", "homebrew"]) expect(final.output.summary).toMatch(new RegExp(`\\*\\*${name}\\*\\* \\| \\w+ \\| ✅ published`));
    expect(final.actions).toBeUndefined();
    const sent = JSON.stringify([...checks.creates, ...checks.updates]);
    for (const secret of [npmToken, pypiToken]) expect(sent).not.toContain(secret);
    // The audit trail has one entry per target.
    const audit = await e2e.runtime.storage.stores.audit.list(OWNER, REPO);
    expect(audit.filter((entry) => entry.action === "publish").map((entry) => [entry.actor, entry.result, entry.detail?.split(":")[0]]).sort()).toEqual([
      ["mona", "success", "homebrew (homebrew) 1.2.3"],
      ["mona", "success", "mirror (s3) 1.2.3"],
      ["mona", "success", "npm (npm) 1.2.3"],
      ["mona", "success", "pypi (pypi) 1.2.3"],
    ]);

    // GitHub redelivers the same delivery, and the same release under a new delivery id: nothing is published again (nock allows no call).
    await deliver("release", releasePublished(101, "v1.2.3"), delivery);
    await deliver("release", releasePublished(101, "v1.2.3"));
    expect(checks.creates).toHaveLength(1);
    expect((await e2e.runtime.storage.stores.audit.list(OWNER, REPO)).filter((entry) => entry.action === "publish")).toHaveLength(4);
  });

  it("isolates a failing target, and its Retry failed button publishes only that one", async () => {
    const files = await releaseFiles("1.3.0");
    const darwin = files.assets.find((asset) => asset.name.endsWith("darwin-arm64.tar.gz"));
    if (!darwin) throw new Error("no darwin asset");
    const darwinSha = createHash("sha256").update(files.bodies.get(darwin.id) ?? "").digest("hex");
    const old = formula("1.2.3", "https://github.com/acme/web/releases/download/v1.2.3/site-1.2.3-darwin-arm64.tar.gz", "c".repeat(64));
    const updated = formula("1.3.0", darwin.browser_download_url, darwinSha);
    const github = nock(API);
    mockRelease(github, 102, "v1.3.0", files);
    mockPropagationRead(github, "v1.3.0");
    // The tap refuses the commit once (GitHub failing on its side); retries: 0, so the target fails.
    const tap = nock(API).get(TAP_CONTENTS).times(3).reply(200, contents(old)).put(TAP_CONTENTS).reply(500, { message: "Server Error" });
    const checks = recordCheckRuns();
    mockDownloads(files);

    await deliver("release", releasePublished(102, "v1.3.0"));

    github.done();
    tap.done();
    const failed = checks.updates.at(-1) as { conclusion?: string; output: { summary: string; text?: string }; actions?: { identifier: string }[] };
    expect(failed.conclusion).toBe("failure");
    expect(failed.output.summary).toMatch(/\*\*homebrew\*\* \| homebrew \| ❌ failed/);
    for (const name of ["npm", "pypi", "mirror"]) expect(failed.output.summary).toMatch(new RegExp(`\\*\\*${name}\\*\\* \\| \\w+ \\| ✅ published`));
    expect(failed.output.text).toMatch(/### homebrew/);
    expect(failed.actions).toEqual([{ label: "Retry failed", description: "Re-run targets that did not succeed", identifier: "retry-failed" }]);
    expect(await npm.view(`${npmName}@1.3.0`, "version")).toBe("1.3.0");

    // The button: only homebrew runs again (nock allows no other registry call; the npm and PyPI versions exist and would be refused).
    const retryGitHub = nock(API);
    mockRelease(retryGitHub, 102, "v1.3.0", files);
    const retryTap = nock(API)
      .get(TAP_CONTENTS)
      .times(3)
      .reply(200, contents(old))
      .put(TAP_CONTENTS)
      .reply(200, { content: contents(updated), commit: { sha: "c0ffee2", html_url: "https://github.com/acme/homebrew-tap/commit/c0ffee2" } });
    const createsBefore = checks.creates.length;
    await deliver("check_run", retryPressed(7001, 102));

    retryGitHub.done();
    retryTap.done();
    // The pressed run is completed, so the retry reports on a new run of the same name.
    expect(checks.creates.length).toBe(createsBefore + 1);
    const retried = checks.updates.at(-1) as { conclusion?: string; output: { summary: string } };
    expect(retried.conclusion).toBe("success");
    expect(retried.output.summary).toMatch(/\*\*homebrew\*\* \| homebrew \| ✅ published \|/);
    for (const name of ["npm", "pypi", "mirror"]) expect(retried.output.summary).toMatch(new RegExp(`\\*\\*${name}\\*\\* \\| \\w+ \\| ✅ published by an earlier run`));
    const entries = (await e2e.runtime.storage.stores.audit.list(OWNER, REPO)).filter((entry) => entry.action === "publish" && entry.detail?.includes("1.3.0"));
    expect(entries.map((entry) => [entry.actor, entry.result, entry.detail?.split(":")[0]])).toEqual(
      expect.arrayContaining([
        ["mona", "failure", "homebrew (homebrew) 1.3.0"],
        ["octocat", "success", "homebrew (homebrew) 1.3.0"],
      ]),
    );
    expect(entries).toHaveLength(5);
  });
});
