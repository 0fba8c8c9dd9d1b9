import type { WorkflowRunEvent } from "@octokit/webhooks-types";
import { summariseWorkflowRun } from "../model/workflow-run";
import { EMPTY_PLAN, type Plan } from "./plan";
import { repoRef } from "./repo-ref";

/**
 * Turns a completed workflow run into one `workflow-run` job. Which workflow builds the site is
 * configured in the repository, so the job reads `.github/slipway.yml` and ignores runs of
 * other workflows; the planner cannot, since it never calls GitHub. Runs still going plan
 * nothing: previews wait for the run to complete.
 */
export function planWorkflowRun(payload: WorkflowRunEvent): Plan {
  const repository = repoRef(payload);
  if (!repository || payload.action !== "completed") return EMPTY_PLAN;
  const run = summariseWorkflowRun(payload.workflow_run);
  // GitHub links the pull requests whose head the run's branch is now: keep those at the run's commit.
  const pullNumbers = (payload.workflow_run.pull_requests ?? []).filter((pull) => pull.head.sha === run.headSha).map((pull) => pull.number);
  return {
    jobs: [
      {
        kind: "workflow-run",
        repository,
        runId: run.id,
        runAttempt: run.runAttempt,
        workflowPath: run.path,
        headSha: run.headSha,
        ...(run.headBranch ? { headBranch: run.headBranch } : {}),
        ...(run.headOwner ? { headOwner: run.headOwner } : {}),
        fork: run.fork,
        pullNumbers,
        ...(run.conclusion ? { conclusion: run.conclusion } : {}),
        htmlUrl: run.htmlUrl,
        actor: payload.sender.login,
        eventAt: new Date(payload.workflow_run.updated_at).toISOString(),
      },
    ],
  };
}
