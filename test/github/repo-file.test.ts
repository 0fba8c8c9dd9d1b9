import nock from "nock";
import { readRepoFile } from "../../src/github/read-repo-file";
import { RepoFileChangedError, writeRepoFile } from "../../src/github/write-repo-file";
import { testOctokit } from "./test-octokit";

const formula = 'class Site < Formula\n  url "https://example.test/site-1.0.0.tar.gz"\nend\n';

/** The contents API's answer for a file (trimmed of the links GitHub adds). */
function contentAnswer(text: string, sha: string) {
  return {
    type: "file",
    encoding: "base64",
    size: Buffer.byteLength(text),
    name: "site.rb",
    path: "Formula/site.rb",
    content: Buffer.from(text).toString("base64").replace(/(.{60})/g, "$1\n"),
    sha,
    url: "https://api.github.com/repos/acme/homebrew-tap/contents/Formula/site.rb?ref=main",
    git_url: `https://api.github.com/repos/acme/homebrew-tap/git/blobs/${sha}`,
    html_url: "https://github.com/acme/homebrew-tap/blob/main/Formula/site.rb",
    download_url: "https://raw.githubusercontent.com/acme/homebrew-tap/main/Formula/site.rb",
  };
}

describe("readRepoFile", () => {
  it("decodes the file and keeps its blob SHA", async () => {
    const api = nock("https://api.github.com").get("/repos/acme/homebrew-tap/contents/Formula%2Fsite.rb").reply(200, contentAnswer(formula, "3d21ec53a331a6f037a91c368710b99387d012c1"));

    await expect(readRepoFile(testOctokit(), { owner: "acme", repo: "homebrew-tap", path: "Formula/site.rb" })).resolves.toEqual({
      text: formula,
      sha: "3d21ec53a331a6f037a91c368710b99387d012c1",
      htmlUrl: "https://github.com/acme/homebrew-tap/blob/main/Formula/site.rb",
    });
    api.done();
  });

  it("answers undefined for a file that does not exist", async () => {
    const api = nock("https://api.github.com").get("/repos/acme/homebrew-tap/contents/Formula%2Fnope.rb").reply(404, { message: "Not Found", status: "404" });

    await expect(readRepoFile(testOctokit(), { owner: "acme", repo: "homebrew-tap", path: "Formula/nope.rb" })).resolves.toBeUndefined();
    api.done();
  });
});

describe("writeRepoFile", () => {
  const file = { owner: "acme", repo: "homebrew-tap", path: "Formula/site.rb", text: formula, sha: "3d21ec53", message: "site 1.0.0" };

  it("commits the new text against the blob SHA it was read at", async () => {
    const api = nock("https://api.github.com")
      .put("/repos/acme/homebrew-tap/contents/Formula%2Fsite.rb", { message: "site 1.0.0", sha: "3d21ec53", content: Buffer.from(formula).toString("base64") })
      .reply(200, { content: contentAnswer(formula, "9f1c"), commit: { sha: "c0ffee", html_url: "https://github.com/acme/homebrew-tap/commit/c0ffee" } });

    await expect(writeRepoFile(testOctokit(), file)).resolves.toEqual({ commitSha: "c0ffee", commitUrl: "https://github.com/acme/homebrew-tap/commit/c0ffee" });
    api.done();
  });

  it("reports a file changed since it was read instead of overwriting it", async () => {
    const api = nock("https://api.github.com")
      .put("/repos/acme/homebrew-tap/contents/Formula%2Fsite.rb")
      .reply(409, { message: "Formula/site.rb does not match 3d21ec53", status: "409" });

    await expect(writeRepoFile(testOctokit(), file)).rejects.toThrow(RepoFileChangedError);
    api.done();
  });
});
