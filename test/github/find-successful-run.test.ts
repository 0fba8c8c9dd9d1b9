import nock from "nock";
import { findSuccessfulRun, WorkflowNotFoundError } from "../../src/github/find-successful-run";
import workflowRuns from "../../fixtures/github/workflow-runs.json";
import { testOctokit } from "./test-octokit";

const SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
const query = { head_sha: SHA, status: "success", per_page: "100" };

describe("findSuccessfulRun", () => {
  it("asks for the workflow's successful runs at the commit and takes the newest", async () => {
    const older = { ...workflowRuns.workflow_runs[0], id: 10683000001 };
    const api = nock("https://api.github.com")
      .get("/repos/acme/web/actions/workflows/build.yml/runs")
      .query(query)
      .reply(200, { total_count: 3, workflow_runs: [older, ...workflowRuns.workflow_runs] });

    const run = await findSuccessfulRun(testOctokit(), { owner: "acme", repo: "web", workflow: "build.yml", sha: SHA });

    expect(run).toMatchObject({ id: 10683302211, conclusion: "success", headSha: SHA });
    api.done();
  });

  it("never takes a failed run or a run of another commit, whatever GitHub's filter let through", async () => {
    const [success, failure] = workflowRuns.workflow_runs;
    const api = nock("https://api.github.com")
      .get("/repos/acme/web/actions/workflows/build.yml/runs")
      .query(query)
      .reply(200, { total_count: 2, workflow_runs: [failure, { ...success, head_sha: "f".repeat(40) }] });

    await expect(findSuccessfulRun(testOctokit(), { owner: "acme", repo: "web", workflow: "build.yml", sha: SHA })).resolves.toBeUndefined();
    api.done();
  });

  it("says the configured workflow file does not exist", async () => {
    const api = nock("https://api.github.com")
      .get("/repos/acme/web/actions/workflows/biuld.yml/runs")
      .query(query)
      .reply(404, { message: "Not Found", documentation_url: "https://docs.github.com/rest/actions/workflow-runs#list-workflow-runs-for-a-workflow", status: "404" });

    const error: unknown = await findSuccessfulRun(testOctokit(), { owner: "acme", repo: "web", workflow: "biuld.yml", sha: SHA }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(WorkflowNotFoundError);
    expect((error as Error).message).toBe(
      "acme/web has no workflow .github/workflows/biuld.yml. Set source.artifact.workflow in .github/slipway.yml to the file name of the workflow that uploads the site.",
    );
    api.done();
  });
});
