import { summariseWorkflowRun } from "../model/workflow-run";
import type { WorkflowRunSummary } from "../model/workflow-run";
import { UserFacingError } from "../util/user-facing-error";
import { githubErrorStatus } from "./github-error";
import type { Octokit } from "./octokit";

export type WorkflowRunsOctokit = {
  rest: { actions: Pick<Octokit["rest"]["actions"], "listWorkflowRuns"> };
};

/** The configured workflow file is not in the repository. */
export class WorkflowNotFoundError extends UserFacingError {
  override name = "WorkflowNotFoundError";
  constructor(owner: string, repo: string, workflow: string) {
    super(
      `${owner}/${repo} has no workflow .github/workflows/${workflow}. Set source.artifact.workflow in .github/slipway.yml to the file name of the workflow that uploads the site.`,
    );
  }
}

/**
 * The newest successful run of a workflow (by its file name, `build.yml`) for a commit, if any:
 * what a deploy takes the artifact from when no run was named (a `/deploy` or `/rollback` of a
 * commit, rather than a `workflow_run` event). One commit has a handful of runs at most
 * (one per triggering event and re-run), so the first page of 100 holds them all.
 */
export async function findSuccessfulRun(
  octokit: WorkflowRunsOctokit,
  { owner, repo, workflow, sha }: { owner: string; repo: string; workflow: string; sha: string },
): Promise<WorkflowRunSummary | undefined> {
  const { data } = await octokit.rest.actions
    .listWorkflowRuns({ owner, repo, workflow_id: workflow, head_sha: sha, status: "success", per_page: 100 })
    .catch((error: unknown) => {
      throw githubErrorStatus(error) === 404 ? new WorkflowNotFoundError(owner, repo, workflow) : error;
    });
  const runs = data.workflow_runs
    .map(summariseWorkflowRun)
    .filter((run) => run.headSha === sha && run.status === "completed" && run.conclusion === "success");
  return runs.reduce<WorkflowRunSummary | undefined>((newest, run) => (newest === undefined || run.id > newest.id ? run : newest), undefined);
}
