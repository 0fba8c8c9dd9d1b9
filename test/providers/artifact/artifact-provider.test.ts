import { createHash } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nock from "nock";
import { buildKeyOf } from "../../../src/deploy/ensure-build";
import { providerFor } from "../../../src/deploy/provider-for";
import { ArtifactExpiredError, ArtifactNotFoundError, ArtifactTooLargeError } from "../../../src/github/artifact-errors";
import { ArchiveDownloadError } from "../../../src/github/follow-download-redirect";
import { UnsafeArchiveError } from "../../../src/providers/archive-errors";
import { artifactProvider } from "../../../src/providers/artifact/artifact-provider";
import { ArtifactNotReadyError, WorkflowRunFailedError, WorkflowRunMismatchError } from "../../../src/providers/artifact/artifact-run-errors";
import type { ArtifactSource, ProduceRequest } from "../../../src/providers/build-provider";
import { staticProvider } from "../../../src/providers/static/static-provider";
import { isUserFacingError } from "../../../src/util/user-facing-error";
import artifactList from "../../../fixtures/github/workflow-run-artifacts.json";
import workflowRun from "../../../fixtures/github/workflow-run.json";
import workflowRuns from "../../../fixtures/github/workflow-runs.json";
import { testOctokit } from "../../github/test-octokit";
import { renameEntry, zipOf } from "./zip";

const API = "https://api.github.com";
const BLOB = "https://productionresultssa4.blob.core.windows.net";
const SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
const RUN = 10683302211;
const SITE_ID = 1893316710;
const source: ArtifactSource = { artifact: { workflow: "build.yml", name: "site", path: "dist" } };
const request: ProduceRequest = { owner: "acme", repo: "web", sha: SHA, source, workflowRunId: RUN };
const blobPath = "/actions-results/4c1ef9b2/artifacts/9d8e7f.zip";
const location = `${BLOB}${blobPath}?sig=c2lnbmF0dXJl&se=2024-09-03T09%3A25%3A11Z&sp=r`;

let temp: string;
let savedTmpdir: string | undefined;

beforeEach(async () => {
  // The provider's temporary zip goes under os.tmpdir(): a folder of this test's own, to see it removed.
  temp = await mkdtemp(join(tmpdir(), "slipway-provider-test-"));
  savedTmpdir = process.env.TMPDIR;
  process.env.TMPDIR = temp;
});

afterEach(async () => {
  if (savedTmpdir === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmpdir;
  await rm(temp, { recursive: true, force: true });
});

const siteZip = () =>
  zipOf([
    { name: "dist/index.html", body: "<h1>built by Actions</h1>" },
    { name: "dist/assets/app.js", body: "console.log('hi')" },
    { name: "coverage.txt", body: "outside the served folder" },
  ]);

function digestOf(zip: Buffer): string {
  return `sha256:${createHash("sha256").update(zip).digest("hex")}`;
}

/** The run's artifacts as GitHub lists them, with the site's size and digest those of `zip`. */
function listing(zip: Buffer, site: Record<string, unknown> = {}) {
  const [fixtureSite, coverage] = artifactList.artifacts;
  return { total_count: 2, artifacts: [{ ...fixtureSite, size_in_bytes: zip.length, digest: digestOf(zip), ...site }, coverage] };
}

function runAnswered(run: Record<string, unknown> = {}) {
  return nock(API).get(`/repos/acme/web/actions/runs/${RUN}`).reply(200, { ...workflowRun, ...run });
}

function artifactsAnswered(body: unknown) {
  return nock(API).get(`/repos/acme/web/actions/runs/${RUN}/artifacts`).query({ per_page: "100" }).reply(200, body as nock.Body);
}

/** The artifact's 302 to the download host, and the download host, which must never see the token. */
function downloadAnswered(zip: Buffer) {
  const api = nock(API).get(`/repos/acme/web/actions/artifacts/${SITE_ID}/zip`).reply(302, "", { Location: location });
  const blob = nock(BLOB, { badheaders: ["authorization"] }).get(blobPath).query(true).reply(200, zip, { "Content-Type": "application/zip" });
  return [api, blob];
}

async function produce(produceRequest: ProduceRequest = request) {
  const written = new Map<string, string>();
  const lines: string[] = [];
  const result = await artifactProvider.produce({ octokit: testOctokit(), log: (line) => lines.push(line) }, produceRequest, async (path, body) => {
    written.set(path, body.toString());
  });
  return { result, written, lines };
}

async function failure(produceRequest: ProduceRequest = request): Promise<unknown> {
  return produce(produceRequest).then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe("artifactProvider.produce", () => {
  it("deploys the named artifact of the given run: listed, downloaded without the token, unpacked from its folder", async () => {
    const zip = await siteZip();
    const scopes = [runAnswered(), artifactsAnswered(listing(zip)), ...downloadAnswered(zip)];

    const { result, written, lines } = await produce();

    expect(result).toEqual({ files: 2, bytes: 42 });
    expect(Object.fromEntries(written)).toEqual({ "index.html": "<h1>built by Actions</h1>", "assets/app.js": "console.log('hi')" });
    expect(lines).toEqual([
      `Downloading the artifact "site" (${zip.length} bytes) of run ${RUN} of build.yml (https://github.com/acme/web/actions/runs/${RUN}).`,
      'Stored 2 files (42 bytes) from the artifact "site", folder `dist`.',
    ]);
    expect(await readdir(temp)).toEqual([]);
    for (const scope of scopes) scope.done();
  });

  it("takes the newest successful run of the workflow at the commit when no run is named (a /deploy or /rollback)", async () => {
    const zip = await siteZip();
    const runs = nock(API)
      .get("/repos/acme/web/actions/workflows/build.yml/runs")
      .query({ head_sha: SHA, status: "success", per_page: "100" })
      .reply(200, workflowRuns);
    const scopes = [runs, artifactsAnswered(listing(zip)), ...downloadAnswered(zip)];

    const { result } = await produce({ ...request, workflowRunId: undefined });

    expect(result.files).toBe(2);
    for (const scope of scopes) scope.done();
  });

  it("waits, saying for what, when no run of the workflow has succeeded at the commit yet", async () => {
    const runs = nock(API)
      .get("/repos/acme/web/actions/workflows/build.yml/runs")
      .query({ head_sha: SHA, status: "success", per_page: "100" })
      .reply(200, { total_count: 0, workflow_runs: [] });
    // Nor has any run started: there is no run to link.
    const started = nock(API).get("/repos/acme/web/actions/workflows/build.yml/runs").query({ head_sha: SHA, per_page: "100" }).reply(200, { total_count: 0, workflow_runs: [] });

    const error = await failure({ ...request, workflowRunId: undefined });

    expect(error).toBeInstanceOf(ArtifactNotReadyError);
    expect((error as Error).message).toBe(
      "Waiting for build.yml: no run of it for commit 6dcb09b has succeeded yet. Slipway deploys its artifact once one does; push, or re-run the workflow, if none is coming.",
    );
    runs.done();
    started.done();
  });

  it("waits for the commit's run still going, with its link, when none has succeeded yet", async () => {
    const scopes = [
      nock(API).get("/repos/acme/web/actions/workflows/build.yml/runs").query({ head_sha: SHA, status: "success", per_page: "100" }).reply(200, { total_count: 0, workflow_runs: [] }),
      nock(API)
        .get("/repos/acme/web/actions/workflows/build.yml/runs")
        .query({ head_sha: SHA, per_page: "100" })
        .reply(200, { total_count: 1, workflow_runs: [{ ...workflowRun, status: "in_progress", conclusion: null }] }),
    ];

    const error = await failure({ ...request, workflowRunId: undefined });

    expect(error).toBeInstanceOf(ArtifactNotReadyError);
    expect((error as ArtifactNotReadyError).runUrl).toBe(`https://github.com/acme/web/actions/runs/${RUN}`);
    expect((error as Error).message).toContain(`is in_progress (https://github.com/acme/web/actions/runs/${RUN})`);
    for (const scope of scopes) scope.done();
  });

  it("waits for a named run that is going again (a re-run)", async () => {
    const run = runAnswered({ status: "in_progress", conclusion: null });
    const error = await failure();
    expect(error).toBeInstanceOf(ArtifactNotReadyError);
    expect((error as Error).message).toContain(`is in_progress (https://github.com/acme/web/actions/runs/${RUN})`);
    run.done();
  });

  it("fails with the run's link when the run failed, downloading nothing", async () => {
    const run = runAnswered({ conclusion: "failure" });

    const error = await failure();

    expect(error).toBeInstanceOf(WorkflowRunFailedError);
    expect((error as Error).message).toBe(
      `The run of build.yml for commit 6dcb09b ended failure, so there is no artifact to deploy: https://github.com/acme/web/actions/runs/${RUN}. Fix the build and push, or re-run the workflow.`,
    );
    run.done();
  });

  it.each([
    ["another workflow file", { path: ".github/workflows/test.yml" }],
    ["another commit", { head_sha: "f".repeat(40) }],
  ])("refuses a named run of %s", async (_, change) => {
    const run = runAnswered(change);
    const error = await failure();
    expect(error).toBeInstanceOf(WorkflowRunMismatchError);
    expect(isUserFacingError(error)).toBe(true);
    run.done();
  });

  it("names the artifacts the run did upload when the configured one is missing", async () => {
    const zip = await siteZip();
    const scopes = [runAnswered(), artifactsAnswered(listing(zip, { name: "web-dist" }))];

    const error = await failure();

    expect(error).toBeInstanceOf(ArtifactNotFoundError);
    expect((error as Error).message).toBe(
      `run ${RUN} of build.yml (https://github.com/acme/web/actions/runs/${RUN}) has no artifact named "site" (it uploaded "web-dist", "coverage"). Set source.artifact.name in .github/slipway.yml to the name the workflow gives actions/upload-artifact, or upload the site under that name.`,
    );
    for (const scope of scopes) scope.done();
  });

  it("skips an expired upload for a live one of the same name, and says when only expired ones are left", async () => {
    const zip = await siteZip();
    const [site, coverage] = listing(zip).artifacts;
    const expiredOnly = [runAnswered(), artifactsAnswered({ total_count: 2, artifacts: [{ ...site, expired: true }, coverage] })];
    await expect(failure()).resolves.toBeInstanceOf(ArtifactExpiredError);
    for (const scope of expiredOnly) scope.done();

    const older = { ...site, id: SITE_ID - 50, expired: true };
    const scopes = [runAnswered(), artifactsAnswered({ total_count: 3, artifacts: [older, site, coverage] }), ...downloadAnswered(zip)];
    await expect(produce()).resolves.toMatchObject({ result: { files: 2 } });
    for (const scope of scopes) scope.done();
  });

  it("refuses an artifact larger than it downloads, without downloading it", async () => {
    const zip = await siteZip();
    const scopes = [runAnswered(), artifactsAnswered(listing(zip, { size_in_bytes: 300 * 1024 * 1024 }))];
    await expect(failure()).resolves.toBeInstanceOf(ArtifactTooLargeError);
    for (const scope of scopes) scope.done();
  });

  it("refuses a hostile artifact, naming the entry, and removes the downloaded zip", async () => {
    const zip = renameEntry(await zipOf([{ name: "dist/index.html", body: "ok" }, { name: "dist/aa/aa/x.html", body: "x" }]), "dist/aa/aa/x.html", "dist/../../x.html");
    const scopes = [runAnswered(), artifactsAnswered(listing(zip)), ...downloadAnswered(zip)];

    const error = await failure();

    expect(error).toBeInstanceOf(UnsafeArchiveError);
    expect((error as Error).message).toMatch(/^The archive entry "dist\/\.\.\/\.\.\/x\.html" was refused: its path has a "\.\." segment/);
    expect(await readdir(temp)).toEqual([]);
    for (const scope of scopes) scope.done();
  });

  it("retries a download that does not match GitHub's digest, and removes it", async () => {
    const zip = await siteZip();
    const scopes = [runAnswered(), artifactsAnswered(listing(zip, { digest: `sha256:${"0".repeat(64)}` })), ...downloadAnswered(zip)];

    const error = await failure();

    expect(error).toBeInstanceOf(ArchiveDownloadError);
    expect(isUserFacingError(error)).toBe(false);
    expect((error as Error).message).toMatch(/does not match the digest GitHub gives for it/);
    expect(await readdir(temp)).toEqual([]);
    for (const scope of scopes) scope.done();
  });

  it("unpacks an artifact uploaded before digests existed", async () => {
    const zip = await siteZip();
    const scopes = [runAnswered(), artifactsAnswered(listing(zip, { digest: null })), ...downloadAnswered(zip)];
    await expect(produce()).resolves.toMatchObject({ result: { files: 2 } });
    for (const scope of scopes) scope.done();
  });
});

describe("artifactProvider.sourceKey and providerFor", () => {
  const artifact = (change: Partial<ArtifactSource["artifact"]> = {}): ArtifactSource => ({ artifact: { workflow: "build.yml", name: "site", ...change } });

  it("chooses the artifact provider for an artifact source and the static one for a folder", () => {
    expect(providerFor(artifact())).toBe(artifactProvider);
    expect(providerFor({ dir: "public" })).toBe(staticProvider);
  });

  it("makes an artifact's build of a commit another build than the tarball's of the same commit", () => {
    const folderKeys = ["public", ".", "dist", "/artifact:[\"build.yml\",\"site\",\".\"]".slice(1)].map((dir) => buildKeyOf({ sha: SHA, source: { dir } }));
    expect(folderKeys).not.toContain(buildKeyOf({ sha: SHA, source: artifact() }));
  });

  it("tells artifacts apart by workflow, name and folder, but not by how the folder is written", () => {
    const keys = [artifact(), artifact({ name: "docs" }), artifact({ workflow: "ci.yml" }), artifact({ path: "dist" })].map((source) => artifactProvider.sourceKey(source));
    expect(new Set(keys).size).toBe(4);
    expect(artifactProvider.sourceKey(artifact({ path: "./dist/" }))).toBe(artifactProvider.sourceKey(artifact({ path: "dist" })));
    expect(artifactProvider.sourceKey(artifact({ path: "." }))).toBe(artifactProvider.sourceKey(artifact()));
  });
});
