import nock from "nock";
import { getWorkflowRun, WorkflowRunNotFoundError } from "../../src/github/get-workflow-run";
import workflowRun from "../../fixtures/github/workflow-run.json";
import { testOctokit } from "./test-octokit";

describe("getWorkflowRun", () => {
  it("reads the run afresh", async () => {
    const api = nock("https://api.github.com").get("/repos/acme/web/actions/runs/10683302211").reply(200, workflowRun);

    const run = await getWorkflowRun(testOctokit(), { owner: "acme", repo: "web", runId: 10683302211 });

    expect(run).toMatchObject({ id: 10683302211, path: ".github/workflows/build.yml", conclusion: "success", fork: false, pullNumbers: [12] });
    api.done();
  });

  it("says a deleted run no longer exists, and what to do", async () => {
    const api = nock("https://api.github.com")
      .get("/repos/acme/web/actions/runs/404")
      .reply(404, { message: "Not Found", documentation_url: "https://docs.github.com/rest/actions/workflow-runs#get-a-workflow-run", status: "404" });

    const error: unknown = await getWorkflowRun(testOctokit(), { owner: "acme", repo: "web", runId: 404 }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(WorkflowRunNotFoundError);
    expect((error as Error).message).toBe("The workflow run 404 no longer exists in acme/web. Re-run the workflow, or push again, to build the site anew.");
    api.done();
  });
});
