import nock from "nock";
import { pullRequestChangesFile } from "../../src/github/pull-request-changes-file";
import { testOctokit } from "./test-octokit";

const target = { owner: "acme", repo: "web", pullNumber: 12, path: ".github/workflows/build.yml" };
const files = "/repos/acme/web/pulls/12/files";

describe("pullRequestChangesFile", () => {
  it("is true when the pull request modifies the file, on any page of its files", async () => {
    const api = nock("https://api.github.com")
      .get(files)
      .query({ per_page: "100" })
      .reply(200, [{ filename: "src/index.html", status: "modified" }], { Link: '<https://api.github.com/repos/acme/web/pulls/12/files?per_page=100&page=2>; rel="next"' })
      .get(files)
      .query({ per_page: "100", page: "2" })
      .reply(200, [{ filename: ".github/workflows/build.yml", status: "modified" }]);

    await expect(pullRequestChangesFile(testOctokit(), target)).resolves.toBe(true);
    api.done();
  });

  it("is true when the pull request renames the file away", async () => {
    const api = nock("https://api.github.com")
      .get(files)
      .query({ per_page: "100" })
      .reply(200, [{ filename: ".github/workflows/old-build.yml", previous_filename: ".github/workflows/build.yml", status: "renamed" }]);

    await expect(pullRequestChangesFile(testOctokit(), target)).resolves.toBe(true);
    api.done();
  });

  it("is false when only other files change, a same-named file elsewhere included", async () => {
    const api = nock("https://api.github.com")
      .get(files)
      .query({ per_page: "100" })
      .reply(200, [{ filename: "docs/.github/workflows/build.yml", status: "added" }, { filename: ".github/workflows/test.yml", status: "modified" }]);

    await expect(pullRequestChangesFile(testOctokit(), target)).resolves.toBe(false);
    api.done();
  });
});
