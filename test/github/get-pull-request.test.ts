import nock from "nock";
import pullRequest from "../../fixtures/github/pull-request.json";
import forkPullRequest from "../../fixtures/github/pull-request-fork.json";
import { getPullRequest } from "../../src/github/get-pull-request";
import { testOctokit } from "./test-octokit";

const path = "/repos/acme/web/pulls/12";
const which = { owner: "acme", repo: "web", pullNumber: 12 } as const;

describe("getPullRequest", () => {
  it("summarises a pull request from a branch of the same repository", async () => {
    const scope = nock("https://api.github.com").get(path).reply(200, pullRequest);

    await expect(getPullRequest(testOctokit(), which)).resolves.toEqual({
      headSha: "6dcb09b5b57875f334f61aebed695e2e4193db5e",
      headRef: "feature/new-header",
      baseRef: "main",
      fork: false,
      state: "open",
      merged: false,
      htmlUrl: "https://github.com/acme/web/pull/12",
      updatedAt: "2024-09-03T10:41:31Z",
    });
    scope.done();
  });

  it("detects a pull request from a fork", async () => {
    const scope = nock("https://api.github.com").get(path).reply(200, forkPullRequest);

    const result = await getPullRequest(testOctokit(), which);

    expect(result).toMatchObject({ fork: true, headRef: "feature/new-header", baseRef: "main" });
    scope.done();
  });

  it("treats a pull request whose fork was deleted as a fork", async () => {
    const deleted = { ...forkPullRequest, head: { ...forkPullRequest.head, repo: null } };
    const scope = nock("https://api.github.com").get(path).reply(200, deleted);

    await expect(getPullRequest(testOctokit(), which)).resolves.toMatchObject({ fork: true, headRef: "feature/new-header" });
    scope.done();
  });

  it("reports a merged pull request as closed and merged", async () => {
    const merged = {
      ...pullRequest,
      state: "closed",
      merged: true,
      closed_at: "2024-09-04T08:12:40Z",
      merged_at: "2024-09-04T08:12:40Z",
      updated_at: "2024-09-04T08:12:41Z",
    };
    const scope = nock("https://api.github.com").get(path).reply(200, merged);

    await expect(getPullRequest(testOctokit(), which)).resolves.toMatchObject({
      state: "closed",
      merged: true,
      updatedAt: "2024-09-04T08:12:41Z",
    });
    scope.done();
  });
});
