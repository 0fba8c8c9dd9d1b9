import { createHash, randomUUID } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { Readable } from "node:stream";
import { gunzipSync, gzipSync } from "node:zlib";
import { extract } from "tar-stream";
import nock from "nock";
import { npmTarget, NpmTargetSchema } from "../../../../src/jobs/publish/targets/npm";
import type { NpmTargetConfig } from "../../../../src/jobs/publish/targets/npm";
import type { ReleaseInfo } from "../../../../src/jobs/publish/targets/common/target";
import { TargetConfigError, TargetConflictError, TargetCredentialsError, TargetVersionMismatchError } from "../../../../src/jobs/publish/targets/common/target-errors";
import { tar } from "../../../providers/static/tarball";
import type { TarEntry } from "../../../providers/static/tarball";
import { API, CODELOAD } from "../../../helpers/github-api";
import { NpmCli } from "./npm-cli";
import { OWNER, REPO, SHA, mockAssetDownload, releaseAsset, releaseInfo } from "./release-fixture";
import { targetContext } from "./target-context";
import type { TestTargetContext } from "./target-context";

// Each test runs the real npm client a few times, which takes seconds each on a busy machine.
jest.setTimeout(120_000);

const registry = process.env.TEST_NPM_REGISTRY ?? "";
const token = process.env.TEST_NPM_TOKEN ?? "";
const npm = new NpmCli(registry, token);
const contexts: TestTargetContext<NpmTargetConfig>[] = [];
const folders: string[] = [];

afterEach(() => {
  for (const ctx of contexts.splice(0)) ctx.cleanUp();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});
afterAll(() => npm.cleanUp());

type Files = Record<string, string | { body: string; mode: number }>;

function packageFiles(name: string, version: string, extra: Files = {}): Files {
  return {
    "packages/core/package.json": JSON.stringify({
      name,
      version,
      description: "A package Slipway publishes",
      main: "lib/index.js",
      bin: { "core-cli": "./bin/cli.js" },
      files: ["lib", "bin"],
      // Scripts that must never run: each would leave a marker file behind.
      scripts: { prepack: `node -e "require('fs').writeFileSync('${marker}', 'prepack')"`, prepare: `node -e "require('fs').writeFileSync('${marker}', 'prepare')"` },
      license: "MIT",
    }),
    "packages/core/lib/index.js": "module.exports = 42;\n",
    "packages/core/lib/run.sh": { body: "#!/bin/sh\necho run\n", mode: 0o755 },
    "packages/core/bin/cli.js": "#!/usr/bin/env node\nconsole.log(require('../lib'));\n",
    "packages/core/README.md": "# core\n\nThe core package.\n",
    "packages/core/.npmrc": "//registry.example/:_authToken=never-packed\n",
    "packages/core/test/index.test.js": "// not in `files`\n",
    "README.md": "# the repository\n",
    ...extra,
  };
}

const marker = join(tmpdir(), `slipway-npm-script-ran-${process.pid}`);

/** The repository at the tag as GitHub's tarball endpoint serves it (one top folder, a pax header with the commit). */
async function mockRepositoryTarball(files: Files, tag = "v1.2.3"): Promise<nock.Scope[]> {
  const top = `${OWNER}-${REPO}-${SHA.slice(0, 7)}/`;
  const entries: TarEntry[] = [{ name: top, type: "directory" }];
  for (const [path, content] of Object.entries(files)) {
    entries.push(typeof content === "string" ? { name: top + path, body: content } : { name: top + path, body: content.body, mode: content.mode });
  }
  const archive = gzipSync(await tar(entries, { comment: SHA }));
  const location = `${CODELOAD}/${OWNER}/${REPO}/legacy.tar.gz/refs/tags/${tag}?token=AAAB7ZQJ6NXEXAMPLE`;
  return [
    nock(API).get(`/repos/${OWNER}/${REPO}/tarball/${tag}`).reply(302, "", { Location: location }),
    nock(CODELOAD, { badheaders: ["authorization"] }).get(`/${OWNER}/${REPO}/legacy.tar.gz/refs/tags/${tag}`).query(true).reply(200, archive),
  ];
}

/** The same files checked out in a folder, where the real `npm pack` can pack them. */
function checkout(files: Files): string {
  const root = join(tmpdir(), `slipway-npm-checkout-${randomUUID()}`);
  folders.push(root);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), typeof content === "string" ? content : content.body);
    chmodSync(join(root, path), typeof content === "string" ? 0o644 : content.mode);
  }
  return root;
}

function uniqueName(): string {
  return `slipway-test-${randomUUID().slice(0, 8)}`;
}

function context(config: Record<string, unknown>, release: ReleaseInfo = releaseInfo(), secrets: Record<string, string> = { NPM_TOKEN: token }) {
  const ctx = targetContext("npm", NpmTargetSchema.parse({ type: "npm", registry, token: "NPM_TOKEN", ...config }), release, secrets);
  contexts.push(ctx);
  return ctx;
}

/** Prepare, probe and (when absent) publish, as the publish job does. */
async function run(ctx: TestTargetContext<NpmTargetConfig>) {
  const prepared = await npmTarget.prepare(ctx);
  try {
    const probe = await npmTarget.probe(ctx, prepared);
    const published = probe.state === "absent" ? await npmTarget.publish(ctx, prepared) : undefined;
    return { prepared, probe, published };
  } finally {
    await prepared.dispose();
  }
}

/** Each entry's mode in a gzip'd tarball. */
async function tarballModes(tarball: Buffer): Promise<Record<string, number>> {
  const modes: Record<string, number> = {};
  const entries = extract();
  Readable.from([gunzipSync(tarball)]).pipe(entries);
  for await (const entry of entries) {
    modes[entry.header.name] = entry.header.mode ?? 0;
    entry.resume();
  }
  return modes;
}

function integrityOf(file: string): string {
  return `sha512-${createHash("sha512").update(readFileSync(file)).digest("base64")}`;
}

describe("npm target", () => {
  // Inside the describe, so it runs before the global clean-up of nock: every mock was used.
  afterEach(() => expect(nock.pendingMocks()).toEqual([]));

  afterEach(() => rmSync(marker, { force: true }));

  it("packs the folder at the tag exactly as `npm pack` does, without running scripts, publishes it, and npm reads back the same package", async () => {
    const name = uniqueName();
    const files = packageFiles(name, "1.2.3");
    const github = await mockRepositoryTarball(files);
    const ctx = context({ dir: "packages/core" });

    await expect(npmTarget.verifyCredentials(ctx)).resolves.toEqual({ detail: `authenticated as slipway-publisher on ${registry}` });
    const { prepared, probe, published } = await run(ctx);

    // The real npm client packing the same files in a checkout makes the very same bytes.
    const packed = JSON.parse(await npm.run(["pack", "--ignore-scripts", "--json", "--pack-destination", npm.dir], join(checkout(files), "packages/core"))) as Array<{ integrity: string; files: Array<{ path: string; mode: number }> }>;
    expect(prepared.artifacts).toEqual([{ name: `${name}-1.2.3.tgz`, size: expect.any(Number), digest: packed[0]?.integrity }]);
    // npm's file rules: `files`, plus package.json and the README; never .npmrc or the tests.
    // A file committed executable stays so (npm's own pack leaves a bin's mode as it finds it).
    expect(await tarballModes(prepared.tarball)).toEqual({
      "package/README.md": 0o644,
      "package/bin/cli.js": 0o644,
      "package/lib/index.js": 0o644,
      "package/lib/run.sh": 0o755,
      "package/package.json": 0o644,
    });
    expect(existsSync(marker)).toBe(false);

    expect(probe).toEqual({ state: "absent", detail: `${name}@1.2.3 is not on the registry yet` });
    expect(published).toEqual({ link: `${registry}${name}/1.2.3`, digest: packed[0]?.integrity, artifacts: prepared.artifacts });
    for (const scope of github) scope.done();

    expect(await npm.view(`${name}@1.2.3`, "dist.integrity")).toBe(packed[0]?.integrity);
    expect(await npm.view(name, "dist-tags")).toEqual({ latest: "1.2.3" });
    expect(await npm.view(`${name}@1.2.3`, "gitHead")).toBe(SHA);
    const download = JSON.parse(await npm.run(["pack", `${name}@1.2.3`, "--json", "--pack-destination", npm.dir])) as Array<{ filename: string }>;
    expect(integrityOf(join(npm.dir, download[0]?.filename ?? ""))).toBe(packed[0]?.integrity);
  });

  it("finds a republished release identical and writes nothing", async () => {
    const name = uniqueName();
    await mockRepositoryTarball(packageFiles(name, "1.2.3"));
    const first = await run(context({ dir: "packages/core" }));
    const modified = await npm.view(name, "time.modified");

    await mockRepositoryTarball(packageFiles(name, "1.2.3"));
    const { probe, published } = await run(context({ dir: "packages/core" }));

    expect(probe).toEqual({
      state: "identical",
      detail: `${name}@1.2.3 is already published with integrity ${first.prepared.artifacts[0]?.digest}`,
      link: `${registry}${name}/1.2.3`,
      digest: first.prepared.artifacts[0]?.digest,
    });
    expect(published).toBeUndefined();
    expect(await npm.view(name, "time.modified")).toBe(modified);
  });

  it("reports a version published with other content as a conflict and never overwrites it", async () => {
    const name = uniqueName();
    await mockRepositoryTarball(packageFiles(name, "1.2.3"));
    const first = await run(context({ dir: "packages/core" }));

    await mockRepositoryTarball(packageFiles(name, "1.2.3", { "packages/core/lib/index.js": "module.exports = 43;\n" }));
    const ctx = context({ dir: "packages/core" });
    const prepared = await npmTarget.prepare(ctx);
    const probe = await npmTarget.probe(ctx, prepared);

    expect(probe).toEqual({
      state: "different",
      detail: `${name}@1.2.3 is already published with integrity ${first.prepared.artifacts[0]?.digest}, but this release packs to ${prepared.artifacts[0]?.digest}. A published version cannot be replaced: release a new version.`,
    });
    await expect(npmTarget.publish(ctx, prepared)).rejects.toThrow(TargetConflictError);
    expect(await npm.view(`${name}@1.2.3`, "dist.integrity")).toBe(first.prepared.artifacts[0]?.digest);
  });

  it("fails verifyCredentials for a token the registry does not know, naming the secret and not its value", async () => {
    const ctx = context({ dir: "packages/core" }, releaseInfo(), { NPM_TOKEN: "npm_notARealTokenAtAll0123456789" });

    const error: unknown = await npmTarget.verifyCredentials(ctx).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(TargetCredentialsError);
    expect((error as Error).message).toBe(
      `the npm registry at ${registry} did not accept the token in NPM_TOKEN (HTTP 200, no user for it): create a token that may publish this package, seal it for this repository and put it under \`secrets:\` as NPM_TOKEN.`,
    );
    expect((error as Error).message).not.toContain("npm_notARealTokenAtAll");
  });

  it("refuses a package whose version is not the release's, saying both", async () => {
    const name = uniqueName();
    await mockRepositoryTarball(packageFiles(name, "1.2.2"));
    const ctx = context({ dir: "packages/core" });

    const error: unknown = await npmTarget.prepare(ctx).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(TargetVersionMismatchError);
    expect((error as Error).message).toBe(
      `the package.json of ${name} says version 1.2.2, but the release v1.2.3 is version 1.2.3; set "version" to 1.2.3 in package.json and tag that commit, or name the release after the package's version.`,
    );
    expect(ctx.leftovers()).toEqual([]);
  });

  it("publishes a prerelease under the `next` dist-tag, leaving `latest` alone", async () => {
    const name = uniqueName();
    await mockRepositoryTarball(packageFiles(name, "1.2.3"));
    await run(context({ dir: "packages/core" }));

    await mockRepositoryTarball(packageFiles(name, "2.0.0-rc.1"), "v2.0.0-rc.1");
    const prerelease = releaseInfo([], { tag: "v2.0.0-rc.1", version: "2.0.0-rc.1", prerelease: true });
    const { prepared } = await run(context({ dir: "packages/core" }, prerelease));

    expect(prepared.summary).toContain("with dist-tag next");
    expect(await npm.view(name, "dist-tags")).toEqual({ latest: "1.2.3", next: "2.0.0-rc.1" });
  });

  it("publishes a release asset made by `npm pack` as is", async () => {
    const name = uniqueName();
    const source = checkout(packageFiles(name, "1.2.3"));
    const packed = JSON.parse(await npm.run(["pack", "--ignore-scripts", "--json", "--pack-destination", source], join(source, "packages/core"))) as Array<{ filename: string }>;
    const tarball = readFileSync(join(source, packed[0]?.filename ?? ""));
    const asset = releaseAsset(`${name}-1.2.3.tgz`, tarball, { contentType: "application/gzip" });
    const mocks = mockAssetDownload(asset, tarball);

    const { published } = await run(context({ asset: "*.tgz" }, releaseInfo([asset, releaseAsset("notes.txt", Buffer.from("notes"))])));

    expect(published?.digest).toBe(integrityOf(join(source, packed[0]?.filename ?? "")));
    expect(await npm.view(`${name}@1.2.3`, "dist.integrity")).toBe(published?.digest);
    expect(await npm.view(`${name}@1.2.3`, "readme")).toBe("# core\n\nThe core package.\n");
    for (const mock of mocks) mock.done();
  });

  it("refuses to move `latest` back to a lower version unless a tag is configured", async () => {
    const name = uniqueName();
    await mockRepositoryTarball(packageFiles(name, "1.2.3"));
    await run(context({ dir: "packages/core" }));

    await mockRepositoryTarball(packageFiles(name, "1.1.9"), "v1.1.9");
    const ctx = context({ dir: "packages/core" }, releaseInfo([], { tag: "v1.1.9", version: "1.1.9" }));
    const prepared = await npmTarget.prepare(ctx);

    await expect(npmTarget.publish(ctx, prepared)).rejects.toThrow(TargetConfigError);
    await expect(npmTarget.publish(ctx, prepared)).rejects.toThrow(`${name}@1.2.3 is already published, so 1.1.9 would move the \`latest\` tag back`);
    expect(await npm.view(name, "versions")).toEqual(["1.2.3"]);
  });

  it("PUTs the document npm's client sends, with the configured access, to the registry's escaped package path", async () => {
    // A registry that records what it is sent: the document itself is what this test reads.
    const requests: Array<{ method: string; url: string; authorization?: string; body: string }> = [];
    const recorder = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString()));
      request.on("end", () => {
        requests.push({ method: request.method ?? "", url: request.url ?? "", authorization: request.headers.authorization, body });
        if (request.method === "GET") response.writeHead(404, { "content-type": "application/json" }).end('{"error":"Not found"}');
        else response.writeHead(201, { "content-type": "application/json" }).end('{"ok":"created new package"}');
      });
    });
    await new Promise<void>((resolve) => recorder.listen(0, "127.0.0.1", resolve));
    const fake = `http://127.0.0.1:${(recorder.address() as AddressInfo).port}/`;
    try {
      await mockRepositoryTarball(packageFiles("@acme/core", "1.2.3"));
      const ctx = context({ dir: "packages/core", registry: fake, access: "restricted" }, releaseInfo(), { NPM_TOKEN: "npm_fakeTokenForTheDocumentTest" });
      const prepared = await npmTarget.prepare(ctx);

      await expect(npmTarget.publish(ctx, prepared)).resolves.toMatchObject({ link: `${fake}@acme%2fcore/1.2.3`, digest: prepared.artifacts[0]?.digest });

      expect(requests.map(({ method, url, authorization }) => ({ method, url, authorization }))).toEqual([
        { method: "GET", url: "/@acme%2fcore", authorization: "Bearer npm_fakeTokenForTheDocumentTest" },
        { method: "PUT", url: "/@acme%2fcore", authorization: "Bearer npm_fakeTokenForTheDocumentTest" },
      ]);
      const data = prepared.tarball.toString("base64");
      expect(JSON.parse(requests[1]?.body ?? "{}")).toEqual({
        _id: "@acme/core",
        name: "@acme/core",
        description: "A package Slipway publishes",
        "dist-tags": { latest: "1.2.3" },
        access: "restricted",
        versions: {
          "1.2.3": expect.objectContaining({
            _id: "@acme/core@1.2.3",
            name: "@acme/core",
            version: "1.2.3",
            gitHead: SHA,
            readme: "# core\n\nThe core package.\n",
            bin: { "core-cli": "bin/cli.js" },
            dist: {
              integrity: prepared.artifacts[0]?.digest,
              shasum: createHash("sha1").update(prepared.tarball).digest("hex"),
              tarball: `${fake}@acme/core/-/@acme/core-1.2.3.tgz`,
            },
          }),
        },
        _attachments: { "@acme/core-1.2.3.tgz": { content_type: "application/octet-stream", data, length: prepared.tarball.length } },
      });
    } finally {
      await new Promise((resolve) => recorder.close(resolve));
    }
  });

  it("leaves no temporary files behind", async () => {
    const name = uniqueName();
    await mockRepositoryTarball(packageFiles(name, "1.2.3"));
    const ctx = context({ dir: "packages/core" });
    await run(ctx);
    expect(ctx.leftovers()).toEqual([]);
    expect(readdirSync(ctx.tempDir ?? "")).toEqual([]);
  });
});
