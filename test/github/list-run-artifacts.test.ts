import nock from "nock";
import { listRunArtifacts } from "../../src/github/list-run-artifacts";
import artifacts from "../../fixtures/github/workflow-run-artifacts.json";
import { testOctokit } from "./test-octokit";

const path = "/repos/acme/web/actions/runs/10683302211/artifacts";
const [site, coverage] = artifacts.artifacts;

describe("listRunArtifacts", () => {
  it("lists every artifact of the run, across pages", async () => {
    const api = nock("https://api.github.com")
      .get(path)
      .query({ per_page: "100" })
      .reply(200, { total_count: 2, artifacts: [site] }, { Link: `<https://api.github.com${path}?per_page=100&page=2>; rel="next", <https://api.github.com${path}?per_page=100&page=2>; rel="last"` })
      .get(path)
      .query({ per_page: "100", page: "2" })
      .reply(200, { total_count: 2, artifacts: [coverage] });

    const listed = await listRunArtifacts(testOctokit(), { owner: "acme", repo: "web", runId: 10683302211 });

    expect(listed).toEqual([
      { id: 1893316710, name: "site", sizeInBytes: 48213, expired: false, digest: site?.digest, createdAt: "2024-09-03T09:14:02Z" },
      { id: 1893316702, name: "coverage", sizeInBytes: 201774, expired: false, digest: coverage?.digest, createdAt: "2024-09-03T09:14:02Z" },
    ]);
    api.done();
  });

  it("asks GitHub for one name and keeps only that name", async () => {
    const api = nock("https://api.github.com")
      .get(path)
      .query({ per_page: "100", name: "site" })
      // Were GitHub's filter ever looser (a prefix, a different case), no other artifact gets through.
      .reply(200, { total_count: 3, artifacts: [{ ...site, name: "Site" }, site, { ...coverage, name: "site-old" }] });

    const listed = await listRunArtifacts(testOctokit(), { owner: "acme", repo: "web", runId: 10683302211, name: "site" });

    expect(listed.map((artifact) => [artifact.id, artifact.name])).toEqual([[1893316710, "site"]]);
    api.done();
  });

  it("reads an expired artifact and one without a digest (uploaded before v4)", async () => {
    const api = nock("https://api.github.com")
      .get(path)
      .query({ per_page: "100", name: "site" })
      .reply(200, { total_count: 1, artifacts: [{ ...site, expired: true, digest: null }] });

    const [listed] = await listRunArtifacts(testOctokit(), { owner: "acme", repo: "web", runId: 10683302211, name: "site" });

    expect(listed).toMatchObject({ expired: true, digest: undefined });
    api.done();
  });
});
