import { findLatestRun } from "../../github/find-latest-run";
import { findSuccessfulRun } from "../../github/find-successful-run";
import type { WorkflowRunsOctokit } from "../../github/find-successful-run";
import { getWorkflowRun } from "../../github/get-workflow-run";
import type { WorkflowRunOctokit } from "../../github/get-workflow-run";
import { isRunOfWorkflow } from "../../model/workflow-file";
import type { WorkflowRunSummary } from "../../model/workflow-run";
import { ArtifactNotReadyError, WorkflowRunFailedError, WorkflowRunMismatchError } from "./artifact-run-errors";

export interface RunRequest {
  owner: string;
  repo: string;
  sha: string;
  /** The run the `workflow_run` event named; otherwise the newest successful one at `sha`. */
  workflowRunId?: number;
}

/**
 * The successful run of `workflow` at the commit to take the artifact from. A named run is read
 * afresh and checked against the configuration (the right file, the right commit) before its
 * artifact is trusted; a run still going, or no successful run yet, is `ArtifactNotReadyError`.
 */
export async function workflowRunFor(octokit: WorkflowRunOctokit & WorkflowRunsOctokit, request: RunRequest, workflow: string): Promise<WorkflowRunSummary> {
  const { owner, repo, sha, workflowRunId } = request;
  const run =
    workflowRunId === undefined
      ? await findSuccessfulRun(octokit, { owner, repo, workflow, sha })
      : await getWorkflowRun(octokit, { owner, repo, runId: workflowRunId });
  if (run === undefined) throw await notReady(octokit, request, workflow);
  if (!isRunOfWorkflow(run.path, workflow) || run.headSha !== sha) throw new WorkflowRunMismatchError(workflow, sha, run);
  if (run.status !== "completed") throw new ArtifactNotReadyError(workflow, sha, run);
  if (run.conclusion !== "success") throw new WorkflowRunFailedError(workflow, run);
  return run;
}

/**
 * Why no run has an artifact yet: the run still going (linked, so the people waiting can follow
 * it), one that failed (there will be none: the deploy fails with its link), or no run at all.
 */
async function notReady(octokit: WorkflowRunsOctokit, { owner, repo, sha }: RunRequest, workflow: string): Promise<Error> {
  const latest = await findLatestRun(octokit, { owner, repo, workflow, sha });
  if (latest?.status === "completed" && latest.conclusion !== "success") return new WorkflowRunFailedError(workflow, latest);
  return new ArtifactNotReadyError(workflow, sha, latest?.status === "completed" ? undefined : latest);
}
