import { planWorkflowRun } from "../../src/webhook/plan-workflow-run";
import { payloadProblem } from "../../src/webhook/payload-problem";
import { JOB_KINDS } from "../../src/job-kinds";
import { workflowRunPayload } from "../helpers/webhook-fixtures";

const SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
const repository = { installationId: 1, repoId: 759963101, owner: "acme", repo: "web", private: false };

describe("planWorkflowRun", () => {
  it("plans one workflow-run job for a completed run, with the pull requests GitHub linked at its commit", () => {
    const plan = planWorkflowRun(workflowRunPayload("success"));
    expect(plan).toEqual({
      jobs: [
        {
          kind: "workflow-run",
          repository,
          runId: 10683302211,
          runAttempt: 1,
          workflowPath: ".github/workflows/build.yml",
          headSha: SHA,
          headBranch: "feature/new-header",
          headOwner: "acme",
          fork: false,
          pullNumbers: [12],
          conclusion: "success",
          htmlUrl: "https://github.com/acme/web/actions/runs/10683302211",
          actor: "octocat",
          eventAt: "2024-09-03T09:14:37.000Z",
        },
      ],
    });
    // The worker accepts what the planner makes.
    expect(() => JOB_KINDS.load(plan.jobs[0]!)).not.toThrow();
  });

  it("marks a fork's run, which links no pull request, with the fork's owner to look them up by", () => {
    const [job] = planWorkflowRun(workflowRunPayload("fork")).jobs;
    expect(job).toMatchObject({ fork: true, headOwner: "octocat", headBranch: "feature/new-header", pullNumbers: [] });
  });

  it("keeps the failure, so the waiting preview fails with the run's link", () => {
    expect(planWorkflowRun(workflowRunPayload("failure")).jobs[0]).toMatchObject({ conclusion: "failure" });
  });

  it("leaves out linked pull requests whose head has moved past the run's commit", () => {
    const payload = workflowRunPayload("success");
    payload.workflow_run.pull_requests[0]!.head.sha = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
    expect(planWorkflowRun(payload).jobs[0]).toMatchObject({ pullNumbers: [] });
  });

  it("plans nothing for a delivery without an installation", () => {
    const payload = workflowRunPayload("success");
    delete payload.installation;
    expect(planWorkflowRun(payload).jobs).toEqual([]);
  });

  it("accepts the recorded payloads and names what is wrong with a malformed one", () => {
    for (const variant of ["success", "failure", "fork"] as const) expect(payloadProblem("workflow_run", workflowRunPayload(variant))).toBeUndefined();
    const payload = { ...workflowRunPayload("success"), workflow_run: { ...workflowRunPayload("success").workflow_run, head_sha: "main" } };
    expect(payloadProblem("workflow_run", payload)).toBe("the workflow_run payload is not what GitHub sends: workflow_run.head_sha: is not a commit SHA");
  });
});
