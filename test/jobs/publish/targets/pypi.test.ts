import nock from "nock";
import { execFile, execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { createHash, randomUUID } from "node:crypto";
import { pypiTarget, PypiTargetSchema } from "../../../../src/jobs/publish/targets/pypi";
import type { PypiTargetConfig } from "../../../../src/jobs/publish/targets/pypi";
import { TargetConfigError, TargetConflictError, TargetCredentialsError } from "../../../../src/jobs/publish/targets/common/target-errors";
import type { ReleaseAsset } from "../../../../src/github/release-asset";
import { mockAssetDownload, releaseAsset, releaseInfo } from "./release-fixture";
import { sdist, wheel } from "./python-dists";
import type { DistSpec } from "./python-dists";
import { targetContext } from "./target-context";
import type { TestTargetContext } from "./target-context";

const run = promisify(execFile);
// twine starts a Python interpreter per upload: slow on a busy machine.
jest.setTimeout(90_000);
const index = process.env.TEST_PYPI_URL ?? "";
const repository = `${index}/legacy/`;
const token = process.env.TEST_PYPI_TOKEN ?? "";
const folder = mkdtempSync(join(tmpdir(), "slipway-pypi-test-"));
const contexts: TestTargetContext<PypiTargetConfig>[] = [];

afterEach(() => {
  for (const ctx of contexts.splice(0)) ctx.cleanUp();
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A project name no other test uses, since the stand-in lives for the whole run. */
function project(): string {
  return `acme-core-${randomUUID().slice(0, 8)}`;
}

interface IndexFile {
  filename: string;
  digests: { sha256: string; md5: string; blake2b_256: string };
  url: string;
}

async function releaseJson(name: string, version: string): Promise<{ status: number; files: IndexFile[]; info: Record<string, unknown> }> {
  const response = await fetch(`${index}/pypi/${name}/${version}/json`);
  if (response.status !== 200) return { status: response.status, files: [], info: {} };
  const body = (await response.json()) as { urls: IndexFile[]; info: Record<string, unknown> };
  return { status: 200, files: body.urls, info: body.info };
}

function sha256(body: Buffer): string {
  return createHash("sha256").update(body).digest("hex");
}

describe("the package index stand-in, as twine sees it", () => {
  const twine = (() => {
    try {
      return execFileSync("which", ["twine"]).toString().trim();
    } catch {
      return undefined;
    }
  })();

  beforeAll(() => {
    if (!twine) {
      throw new Error("twine is not installed, and the PyPI tests are proven with it: install it with `apt-get update && apt-get install -y twine` (.ci/run does so).");
    }
  });

  async function twineUpload(file: { filename: string; body: Buffer }, password = token) {
    const dir = join(folder, randomUUID());
    mkdirSync(dir);
    const path = join(dir, file.filename);
    writeFileSync(path, file.body);
    const args = ["upload", "--repository-url", repository, "-u", "__token__", "-p", password, "--non-interactive", "--disable-progress-bar", path];
    // No keyring: twine would otherwise look for stored passwords.
    const env = { ...process.env, PYTHON_KEYRING_BACKEND: "keyring.backends.null.Keyring" };
    // twine's output, without its colours and with its line wrapping undone.
    // eslint-disable-next-line no-control-regex
    const plain = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, "").replace(/\s+/g, " ");
    return run(twine ?? "twine", args, { env }).then(
      ({ stdout, stderr }) => ({ ok: true, output: plain(stdout + stderr) }),
      (error: { stdout?: string; stderr?: string }) => ({ ok: false, output: plain(`${error.stdout ?? ""}${error.stderr ?? ""}`) }),
    );
  }

  it("takes twine's upload and lists the file with its digests in the JSON API", async () => {
    const name = project();
    const file = wheel({ name, version: "1.2.3" });

    const upload = await twineUpload(file);

    expect(upload).toMatchObject({ ok: true });
    const { files, info } = await releaseJson(name, "1.2.3");
    // twine sends MD5 and BLAKE2b-256 as well as SHA-256; the stand-in checks each.
    expect(files).toEqual([expect.objectContaining({ filename: file.filename, digests: expect.objectContaining({ sha256: sha256(file.body) }) })]);
    expect(info).toMatchObject({ name, version: "1.2.3", summary: "The core of Acme", requires_dist: ["requests>=2"] });
    expect(Buffer.from(await (await fetch(files[0]?.url ?? "")).arrayBuffer())).toEqual(file.body);
  });

  it("accepts twine re-uploading the identical file, and refuses another file under the same name with PyPI's 400", async () => {
    const name = project();
    const first = wheel({ name, version: "1.2.3" });
    await twineUpload(first);

    await expect(twineUpload(first)).resolves.toMatchObject({ ok: true });
    const other = await twineUpload(wheel({ name, version: "1.2.3", code: "ANSWER = 43\n" }));
    expect(other.ok).toBe(false);
    expect(other.output).toContain(`HTTPError: 400 Bad Request from ${repository} File already exists. See ${index}/help/#file-name-reuse for more information.`);
    expect((await releaseJson(name, "1.2.3")).files.map((file) => file.digests.sha256)).toEqual([sha256(first.body)]);
  });

  it("refuses twine's upload with a wrong token with PyPI's 403", async () => {
    const name = project();
    const upload = await twineUpload(wheel({ name, version: "1.2.3" }), "pypi-wrongTokenValue");

    expect(upload.ok).toBe(false);
    expect(upload.output).toContain(`HTTPError: 403 Forbidden from ${repository} Invalid or non-existent authentication information.`);
    expect((await releaseJson(name, "1.2.3")).status).toBe(404);
  });
});

describe("pypi target", () => {
  // Inside the describe, so it runs before the global clean-up of nock: every mock was used.
  afterEach(() => expect(nock.pendingMocks()).toEqual([]));

  function context(assets: ReleaseAsset[], secrets: Record<string, string> = { PYPI_TOKEN: token }) {
    const config = PypiTargetSchema.parse({ type: "pypi", assets: ["*.whl", "*.tar.gz"], repository, token: "PYPI_TOKEN" });
    const ctx = targetContext("pypi", config, releaseInfo(assets), secrets);
    contexts.push(ctx);
    return ctx;
  }

  async function dists(spec: DistSpec) {
    const files = [wheel(spec), await sdist(spec)];
    const assets = files.map((file) => releaseAsset(file.filename, file.body, { contentType: "application/octet-stream" }));
    return { files, assets, mock: () => assets.flatMap((asset, i) => mockAssetDownload(asset, files[i]?.body ?? Buffer.alloc(0))) };
  }

  async function publishAll(ctx: TestTargetContext<PypiTargetConfig>) {
    const prepared = await pypiTarget.prepare(ctx);
    try {
      const probe = await pypiTarget.probe(ctx, prepared);
      const published = probe.state === "absent" ? await pypiTarget.publish(ctx, prepared) : undefined;
      return { prepared, probe, published };
    } finally {
      await prepared.dispose();
    }
  }

  it("uploads an absent wheel and sdist with their metadata, streamed, and finds them in the JSON API", async () => {
    const name = project();
    const { files, assets, mock } = await dists({ name, version: "1.2.3" });
    const mocks = mock();
    const ctx = context([...assets, releaseAsset("notes.txt", Buffer.from("not a distribution"))]);

    await expect(pypiTarget.verifyCredentials(ctx)).resolves.toEqual({
      detail: `the package index at ${repository} accepted the token in PYPI_TOKEN (and refused the empty test upload: '' is an invalid value for Metadata-Version. Error: This field is required. See https://packaging.python.org/specifications/core-metadata for more information.)`,
    });
    const { probe, published } = await publishAll(ctx);

    expect(probe).toEqual({ state: "absent", detail: "2 of 2 files to upload" });
    expect(published?.link).toBe(`${index}/project/${name}/1.2.3/`);
    expect(published?.artifacts.map((artifact) => artifact.digest)).toEqual(files.map((file) => `sha256:${sha256(file.body)}`));
    const { files: listed, info } = await releaseJson(name, "1.2.3");
    expect(listed.map((file) => [file.filename, file.digests.sha256])).toEqual(files.map((file) => [file.filename, sha256(file.body)]));
    expect(info).toMatchObject({
      summary: "The core of Acme",
      requires_dist: ["requests>=2"],
      requires_python: ">=3.8",
      classifiers: ["Programming Language :: Python :: 3", "License :: OSI Approved :: MIT License"],
      description: `# ${name}\n\nThe long description, from the README.\n`,
      description_content_type: "text/markdown",
    });
    for (const scope of mocks) scope.done();
    expect(ctx.leftovers()).toEqual([]);
  });

  it("finds a republished release identical and uploads nothing", async () => {
    const name = project();
    const release = await dists({ name, version: "1.2.3" });
    release.mock();
    await publishAll(context(release.assets));

    release.mock();
    const { probe, published } = await publishAll(context(release.assets));

    expect(probe).toMatchObject({ state: "identical", detail: "all 2 files already on the index with the same SHA-256", link: `${index}/project/${name}/1.2.3/` });
    expect(published).toBeUndefined();
  });

  it("uploads only the files that are missing", async () => {
    const name = project();
    const release = await dists({ name, version: "1.2.3" });
    const [wheelAsset] = release.assets;
    mockAssetDownload(wheelAsset!, release.files[0]!.body);
    await publishAll(context([wheelAsset!]));

    release.mock();
    const { probe } = await publishAll(context(release.assets));

    expect(probe).toEqual({ state: "absent", detail: "1 of 2 files to upload (1 already there, identical)" });
    expect((await releaseJson(name, "1.2.3")).files).toHaveLength(2);
  });

  it("reports a file name already used for other content as a conflict and never replaces it", async () => {
    const name = project();
    const original = await dists({ name, version: "1.2.3" });
    original.mock();
    await publishAll(context(original.assets));

    const changed = await dists({ name, version: "1.2.3", code: "ANSWER = 43\n" });
    changed.mock();
    const ctx = context(changed.assets);
    const prepared = await pypiTarget.prepare(ctx);
    const probe = await pypiTarget.probe(ctx, prepared);

    expect(probe.state).toBe("different");
    expect(probe.detail).toContain(`${original.files[0]?.filename} is already on the index with SHA-256 ${sha256(original.files[0]?.body ?? Buffer.alloc(0))}`);
    await expect(pypiTarget.publish(ctx, prepared)).rejects.toThrow(TargetConflictError);
    await prepared.dispose();
    expect((await releaseJson(name, "1.2.3")).files.map((file) => file.digests.sha256)).toEqual(original.files.map((file) => sha256(file.body)));
  });

  it("fails verifyCredentials with the index's 403 for a wrong token, without its value, writing nothing", async () => {
    const ctx = context([], { PYPI_TOKEN: "pypi-AgEIcHlwaS5vcmcWrongWrongWrong" });

    const error: unknown = await pypiTarget.verifyCredentials(ctx).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(TargetCredentialsError);
    expect((error as Error).message).toBe(
      `the package index at ${repository} refused the token in PYPI_TOKEN (HTTP 403: Invalid or non-existent authentication information. See ${index}/help/#invalid-auth for more information.); create an API token that may upload this project, seal it for this repository and put it under \`secrets:\` as PYPI_TOKEN.`,
    );
    expect((error as Error).message).not.toContain("WrongWrongWrong");
  });

  it("refuses a matching asset that is not a distribution by its name", async () => {
    const ctx = context([releaseAsset("acme-core-docs.tar.gz", Buffer.from("docs"))]);
    await expect(pypiTarget.prepare(ctx)).rejects.toThrow(TargetConfigError);
    await expect(pypiTarget.prepare(ctx)).rejects.toThrow("the asset acme-core-docs.tar.gz is neither a wheel (.whl) nor a source distribution (.tar.gz) by its name");
  });
});
