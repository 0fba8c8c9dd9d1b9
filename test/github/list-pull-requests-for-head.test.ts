import nock from "nock";
import { listPullRequestsForHead } from "../../src/github/list-pull-requests-for-head";
import pullsByHead from "../../fixtures/github/pulls-by-head.json";
import { testOctokit } from "./test-octokit";

const SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
const target = { owner: "acme", repo: "web", headOwner: "octocat", headBranch: "feature/new-header", sha: SHA };
const query = { head: "octocat:feature/new-header", state: "open", per_page: "100" };

describe("listPullRequestsForHead", () => {
  it("finds a fork's open pull request by its head branch and SHA", async () => {
    const api = nock("https://api.github.com").get("/repos/acme/web/pulls").query(query).reply(200, pullsByHead);

    await expect(listPullRequestsForHead(testOctokit(), target)).resolves.toEqual([12]);
    api.done();
  });

  it("leaves out a pull request whose branch has moved on since the run started", async () => {
    const [pull] = pullsByHead;
    const moved = { ...pull, number: 13, head: { ...pull?.head, sha: "e".repeat(40) } };
    const api = nock("https://api.github.com")
      .get("/repos/acme/web/pulls")
      .query(query)
      .reply(200, [moved], { Link: '<https://api.github.com/repos/acme/web/pulls?head=octocat%3Afeature%2Fnew-header&state=open&per_page=100&page=2>; rel="next"' })
      .get("/repos/acme/web/pulls")
      .query({ ...query, page: "2" })
      .reply(200, pullsByHead);

    await expect(listPullRequestsForHead(testOctokit(), target)).resolves.toEqual([12]);
    api.done();
  });
});
