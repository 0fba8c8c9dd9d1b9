import { Readable } from "node:stream";
import nock from "nock";
import { ArtifactExpiredError, ArtifactNotFoundError, ArtifactTooLargeError } from "../../src/github/artifact-errors";
import { downloadArtifact } from "../../src/github/download-artifact";
import { ArchiveDownloadError } from "../../src/github/follow-download-redirect";
import { testOctokit } from "./test-octokit";

const BLOB = "https://productionresultssa4.blob.core.windows.net";
const blobPath = "/actions-results/4c1ef9b2-07f1-4cd0-8a5b-2a5d7c1f1b0e/workflow-job-run-1a2b3c/artifacts/9d8e7f.zip";
const sig = "k3Jx8vQ2%2FexampleSIGNATUREvalueZ0%3D";
const location = `${BLOB}${blobPath}?rscd=attachment%3B+filename%3D%22site.zip%22&se=2024-09-03T09%3A25%3A11Z&sig=${sig}&sp=r&spr=https&sr=b&st=2024-09-03T09%3A15%3A06Z&sv=2021-12-02`;
const artifact = { owner: "acme", repo: "web", artifactId: 1893316710, name: "site", run: "run 10683302211 of build.yml (https://github.com/acme/web/actions/runs/10683302211)" };

function redirect() {
  return nock("https://api.github.com").get("/repos/acme/web/actions/artifacts/1893316710/zip").reply(302, "", { Location: location });
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

function blob() {
  // The download host must never see the installation token.
  return nock(BLOB, { badheaders: ["authorization"] }).get(blobPath).query(true);
}

describe("downloadArtifact", () => {
  it("follows GitHub's redirect to the short-lived URL, without the installation token", async () => {
    const zip = Buffer.from("PK\u0005\u0006" + "\0".repeat(18), "binary");
    const api = redirect();
    const download = blob().reply(200, zip, { "Content-Type": "application/zip", "Content-Length": String(zip.length) });

    const stream = await downloadArtifact(testOctokit(), artifact, { maxBytes: 1024 });

    expect(await readAll(stream)).toEqual(zip);
    api.done();
    download.done();
  });

  it("refuses an artifact over the limit while streaming, when no length was declared", async () => {
    const api = redirect();
    const download = blob().reply(200, () => Readable.from([Buffer.alloc(600), Buffer.alloc(600)]), { "Content-Type": "application/zip" });

    const stream = await downloadArtifact(testOctokit(), artifact, { maxBytes: 1000 });

    const error: unknown = await readAll(stream).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ArtifactTooLargeError);
    expect((error as Error).message).toMatch(/^The artifact "site" is larger than 1,000 bytes, the most Slipway downloads\. Upload only the built site/);
    api.done();
    download.done();
  });

  it("says an artifact GitHub answers 410 for has expired, and what to do", async () => {
    const api = nock("https://api.github.com")
      .get("/repos/acme/web/actions/artifacts/1893316710/zip")
      .reply(410, { message: "Artifact has expired", documentation_url: "https://docs.github.com/rest/actions/artifacts#download-an-artifact", status: "410" });

    const error: unknown = await downloadArtifact(testOctokit(), artifact, { maxBytes: 1024 }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ArtifactExpiredError);
    expect((error as Error).message).toBe(
      'The artifact "site" of run 10683302211 of build.yml (https://github.com/acme/web/actions/runs/10683302211) has expired: GitHub deletes artifacts at the end of their retention period. Re-run the workflow to upload it again, then deploy again.',
    );
    api.done();
  });

  it("says a deleted artifact is not there", async () => {
    const api = nock("https://api.github.com")
      .get("/repos/acme/web/actions/artifacts/1893316710/zip")
      .reply(404, { message: "Not Found", documentation_url: "https://docs.github.com/rest/actions/artifacts#download-an-artifact", status: "404" });

    await expect(downloadArtifact(testOctokit(), artifact, { maxBytes: 1024 })).rejects.toBeInstanceOf(ArtifactNotFoundError);
    api.done();
  });

  it("keeps the URL's signature out of the error when the download host fails, and lets the job retry", async () => {
    const api = redirect();
    const download = blob().replyWithError(`socket hang up for ${location}`);

    const error: unknown = await downloadArtifact(testOctokit(), artifact, { maxBytes: 1024 }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ArchiveDownloadError);
    expect((error as Error).message).toMatch(/^the artifact download of "site" \(id 1893316710\) of acme\/web failed \(.*\); the job will be retried\.$/);
    expect(`${(error as Error).message} ${String((error as Error).stack)}`).not.toContain(sig);
    expect((error as Error).message).not.toContain(decodeURIComponent(sig));
    api.done();
    download.done();
  });

  it("retries when GitHub answers without a redirect", async () => {
    const api = nock("https://api.github.com").get("/repos/acme/web/actions/artifacts/1893316710/zip").reply(200, "");

    const error: unknown = await downloadArtifact(testOctokit(), artifact, { maxBytes: 1024 }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ArchiveDownloadError);
    expect((error as Error).message).toBe('GitHub answered the artifact request for "site" (id 1893316710) of acme/web with HTTP 200 instead of a redirect; the job will be retried.');
    api.done();
  });
});
