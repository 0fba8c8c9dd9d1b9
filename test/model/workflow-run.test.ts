import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { WorkflowRunCompletedEvent } from "@octokit/webhooks-types";
import { isRunOfWorkflow } from "../../src/model/workflow-file";
import { summariseWorkflowRun } from "../../src/model/workflow-run";
import workflowRun from "../../fixtures/github/workflow-run.json";

const SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e";

function completed(name: string): WorkflowRunCompletedEvent {
  return JSON.parse(readFileSync(join(__dirname, "..", "..", "fixtures", "webhooks", `${name}.json`), "utf8")) as WorkflowRunCompletedEvent;
}

describe("summariseWorkflowRun", () => {
  it("reads a successful run of a branch of the repository, with the pull request GitHub linked", () => {
    expect(summariseWorkflowRun(completed("workflow_run.completed").workflow_run)).toEqual({
      id: 10683302211,
      path: ".github/workflows/build.yml",
      headSha: SHA,
      headBranch: "feature/new-header",
      headOwner: "acme",
      fork: false,
      event: "pull_request",
      status: "completed",
      conclusion: "success",
      htmlUrl: "https://github.com/acme/web/actions/runs/10683302211",
      runAttempt: 1,
      pullNumbers: [12],
    });
  });

  it("reads a failed run with its link", () => {
    expect(summariseWorkflowRun(completed("workflow_run.completed-failure").workflow_run)).toMatchObject({
      conclusion: "failure",
      htmlUrl: "https://github.com/acme/web/actions/runs/10683417730",
      fork: false,
    });
  });

  it.each(["workflow_run.completed-fork", "workflow_run.completed-fork-failure"])("knows %s came from a fork, which names no pull request", (name) => {
    const run = summariseWorkflowRun(completed(name).workflow_run);
    expect(run).toMatchObject({ fork: true, headOwner: "octocat", headBranch: "feature/new-header", headSha: SHA, pullNumbers: [] });
  });

  it("counts a run whose fork was deleted as a fork", () => {
    const run = { ...completed("workflow_run.completed-fork").workflow_run, head_repository: null };
    expect(summariseWorkflowRun(run)).toMatchObject({ fork: true, headOwner: undefined });
  });

  it("reads the REST answer for a run the same way", () => {
    expect(summariseWorkflowRun(workflowRun)).toEqual(summariseWorkflowRun(completed("workflow_run.completed").workflow_run));
  });
});

describe("isRunOfWorkflow", () => {
  it("matches the run of the configured workflow file", () => {
    expect(isRunOfWorkflow(completed("workflow_run.completed").workflow_run.path, "build.yml")).toBe(true);
  });

  it.each([
    [".github/workflows/test.yml", "build.yml"],
    [".github/workflows/build.yaml", "build.yml"],
    ["other/.github/workflows/build.yml", "build.yml"],
    [".github/workflows/sub/build.yml", "build.yml"],
    ["dynamic/pages/pages-build-deployment", "build.yml"],
  ])("does not take %s for %s", (path, workflow) => {
    expect(isRunOfWorkflow(path, workflow)).toBe(false);
  });
});
