import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import nock from "nock";
import {
  ArchiveDownloadError,
  ArchiveTooLargeError,
  RefNotFoundError,
  downloadTarball,
} from "../../src/github/download-tarball";
import { testOctokit } from "./test-octokit";

const sha = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
const token = "AAAB7ZQJ6NXEXAMPLETOKENVALUE4LQ";
const location = `https://codeload.github.com/acme/web/legacy.tar.gz/${sha}?token=${token}`;
const target = { owner: "acme", repo: "web", ref: sha };

/** GitHub's answer to the tarball endpoint: a redirect to codeload with a short-lived token. */
function redirectToCodeload() {
  return nock("https://api.github.com")
    .get(`/repos/acme/web/tarball/${sha}`)
    .reply(302, "", { Location: location, "Content-Length": "0" });
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

describe("downloadTarball", () => {
  it("follows GitHub's redirect and streams the archive, without the installation token", async () => {
    const archive = gzipSync(Buffer.from("pretend this is a tar"));
    const api = redirectToCodeload();
    const codeload = nock("https://codeload.github.com", { badheaders: ["authorization"] })
      .get(`/acme/web/legacy.tar.gz/${sha}`)
      .query({ token })
      .reply(200, archive, { "Content-Type": "application/x-gzip", "Content-Length": String(archive.length) });

    const stream = await downloadTarball(testOctokit(), target, { maxBytes: 1024 });

    expect(await readAll(stream)).toEqual(archive);
    api.done();
    codeload.done();
  });

  it("refuses an archive whose Content-Length is over the limit, without reading it", async () => {
    const api = redirectToCodeload();
    const codeload = nock("https://codeload.github.com")
      .get(`/acme/web/legacy.tar.gz/${sha}`)
      .query({ token })
      .reply(200, Buffer.alloc(2048), { "Content-Type": "application/x-gzip", "Content-Length": "2048" });

    const error: unknown = await downloadTarball(testOctokit(), target, { maxBytes: 1000 }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ArchiveTooLargeError);
    expect((error as Error).message).toContain("acme/web");
    expect((error as Error).message).not.toContain(token);
    api.done();
    codeload.done();
  });

  it("stops streaming once more bytes than the limit arrive when no length was declared", async () => {
    const api = redirectToCodeload();
    const codeload = nock("https://codeload.github.com")
      .get(`/acme/web/legacy.tar.gz/${sha}`)
      .query({ token })
      // A chunked answer, as codeload sends for large repositories: no Content-Length.
      .reply(200, () => Readable.from([Buffer.alloc(600), Buffer.alloc(600), Buffer.alloc(600)]), {
        "Content-Type": "application/x-gzip",
      });

    const stream = await downloadTarball(testOctokit(), target, { maxBytes: 1000 });

    await expect(readAll(stream)).rejects.toBeInstanceOf(ArchiveTooLargeError);
    api.done();
    codeload.done();
  });

  it("reports a missing commit as RefNotFoundError", async () => {
    const api = nock("https://api.github.com")
      .get(`/repos/acme/web/tarball/${sha}`)
      .reply(404, { message: "Not Found", documentation_url: "https://docs.github.com/rest/repos/contents#download-a-repository-archive-tar", status: "404" });

    const error: unknown = await downloadTarball(testOctokit(), target, { maxBytes: 1000 }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(RefNotFoundError);
    expect((error as Error).message).toBe(
      `commit ${sha} not found in acme/web; it may have been force-pushed away. Push again to deploy the new head.`,
    );
    api.done();
  });

  it("keeps the download URL and its token out of the error when the download fails", async () => {
    const api = redirectToCodeload();
    const codeload = nock("https://codeload.github.com")
      .get(`/acme/web/legacy.tar.gz/${sha}`)
      .query({ token })
      .reply(503, `Service unavailable for ${location}`);

    const error: unknown = await downloadTarball(testOctokit(), target, { maxBytes: 1000 }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ArchiveDownloadError);
    expect((error as Error).message).toContain("the archive download");
    expect((error as Error).message).toContain("503");
    expect(JSON.stringify(error) + (error as Error).message + String((error as Error).stack)).not.toContain(token);
    api.done();
    codeload.done();
  });

  it("keeps the token out of the error when the download host cannot be reached", async () => {
    const api = redirectToCodeload();
    const codeload = nock("https://codeload.github.com")
      .get(`/acme/web/legacy.tar.gz/${sha}`)
      .query({ token })
      .replyWithError(`connect ECONNRESET while fetching ${location}`);

    const error: unknown = await downloadTarball(testOctokit(), target, { maxBytes: 1000 }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ArchiveDownloadError);
    expect((error as Error).message).toContain("ECONNRESET");
    expect((error as Error).message).not.toContain(token);
    api.done();
    codeload.done();
  });
});
