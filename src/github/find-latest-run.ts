import { summariseWorkflowRun } from "../model/workflow-run";
import type { WorkflowRunSummary } from "../model/workflow-run";
import type { WorkflowRunsOctokit } from "./find-successful-run";

/**
 * The newest run of a workflow (by its file name) for a commit, in any state: the run a deploy
 * waits for when none has succeeded yet, so the people waiting can follow it, or the one whose
 * failure explains why there is no artifact.
 */
export async function findLatestRun(
  octokit: WorkflowRunsOctokit,
  { owner, repo, workflow, sha }: { owner: string; repo: string; workflow: string; sha: string },
): Promise<WorkflowRunSummary | undefined> {
  const { data } = await octokit.rest.actions.listWorkflowRuns({ owner, repo, workflow_id: workflow, head_sha: sha, per_page: 100 });
  const runs = data.workflow_runs.map(summariseWorkflowRun).filter((run) => run.headSha === sha);
  return runs.reduce<WorkflowRunSummary | undefined>((newest, run) => (newest === undefined || run.id > newest.id ? run : newest), undefined);
}
