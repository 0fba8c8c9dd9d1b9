import { summariseWorkflowRun } from "../model/workflow-run";
import type { WorkflowRunSummary } from "../model/workflow-run";
import { UserFacingError } from "../util/user-facing-error";
import { githubErrorStatus } from "./github-error";
import type { Octokit } from "./octokit";

export type WorkflowRunOctokit = {
  rest: { actions: Pick<Octokit["rest"]["actions"], "getWorkflowRun"> };
};

/** The run is not in the repository (any more): runs can be deleted. */
export class WorkflowRunNotFoundError extends UserFacingError {
  override name = "WorkflowRunNotFoundError";
  constructor(owner: string, repo: string, runId: number) {
    super(`The workflow run ${runId} no longer exists in ${owner}/${repo}. Re-run the workflow, or push again, to build the site anew.`);
  }
}

/**
 * The current state of a workflow run. A job reads it afresh rather than trusting the webhook
 * that queued it: the run may have been re-run since, or deleted.
 */
export async function getWorkflowRun(
  octokit: WorkflowRunOctokit,
  { owner, repo, runId }: { owner: string; repo: string; runId: number },
): Promise<WorkflowRunSummary> {
  const { data } = await octokit.rest.actions.getWorkflowRun({ owner, repo, run_id: runId }).catch((error: unknown) => {
    throw githubErrorStatus(error) === 404 ? new WorkflowRunNotFoundError(owner, repo, runId) : error;
  });
  return summariseWorkflowRun(data);
}
