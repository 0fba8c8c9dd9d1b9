import nock from "nock";
import { ReleaseAssetDownloadError, ReleaseAssetNotFoundError, downloadReleaseAsset } from "../../src/github/download-release-asset";
import { testOctokit } from "./test-octokit";

const token = "sv=2018-11-09&sig=R3aLlyS3cr3tSignatureValue";
const asset = { id: 77, name: "site-1.2.3.tar.gz", size: 11 };
const ref = { owner: "acme", repo: "web", asset };
const path = "/github-production-release-asset/123456/77-5f0b";

function redirect() {
  return nock("https://api.github.com", { reqheaders: { accept: "application/octet-stream" } })
    .get("/repos/acme/web/releases/assets/77")
    .reply(302, "", { Location: `https://release-assets.githubusercontent.com${path}?sp=r&${token}` });
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

describe("downloadReleaseAsset", () => {
  it("follows GitHub's redirect to the download host without the installation token, and streams the bytes", async () => {
    const api = redirect();
    const host = nock("https://release-assets.githubusercontent.com", { badheaders: ["authorization"] })
      .get(path)
      .query(true)
      .reply(200, "hello world", { "Content-Length": "11" });

    expect((await readAll(await downloadReleaseAsset(testOctokit(), ref))).toString()).toBe("hello world");
    api.done();
    host.done();
  });

  it("fails the stream when the download is shorter than the size GitHub lists", async () => {
    redirect();
    nock("https://release-assets.githubusercontent.com").get(path).query(true).reply(200, "hello");

    const error: unknown = await readAll(await downloadReleaseAsset(testOctokit(), ref)).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ReleaseAssetDownloadError);
    expect((error as Error).message).toBe("the download of the release asset site-1.2.3.tar.gz of acme/web ended after 5 of 11 bytes; it will be retried.");
  });

  it("fails the stream when the download is longer than the listed size", async () => {
    redirect();
    nock("https://release-assets.githubusercontent.com").get(path).query(true).reply(200, "hello world, and more");

    await expect(readAll(await downloadReleaseAsset(testOctokit(), ref))).rejects.toThrow("is longer than the 11 bytes GitHub lists");
  });

  it("reports an asset that is gone as ReleaseAssetNotFoundError", async () => {
    nock("https://api.github.com").get("/repos/acme/web/releases/assets/77").reply(404, { message: "Not Found", status: "404" });

    await expect(downloadReleaseAsset(testOctokit(), ref)).rejects.toThrow(ReleaseAssetNotFoundError);
  });

  it("keeps the signed download URL out of the error when the download host fails", async () => {
    redirect();
    nock("https://release-assets.githubusercontent.com").get(path).query(true).replyWithError(`socket hang up at https://release-assets.githubusercontent.com${path}?sp=r&${token}`);

    const error: unknown = await downloadReleaseAsset(testOctokit(), ref).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ReleaseAssetDownloadError);
    expect((error as Error).message).toContain("socket hang up");
    expect((error as Error).message).not.toContain("R3aLlyS3cr3tSignatureValue");
  });
});
