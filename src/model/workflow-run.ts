/**
 * The fields of a workflow run Slipway reads. Both the REST answer
 * (`GET /repos/{owner}/{repo}/actions/runs/{run_id}`) and a `workflow_run` webhook's
 * `workflow_run` have them, so one summary serves the job that reads the run and the planner
 * that reads the event.
 */
export interface WorkflowRunFields {
  id: number;
  /** `.github/workflows/build.yml`: the workflow file the run ran. */
  path: string;
  head_sha: string;
  head_branch: string | null;
  event: string;
  status: string | null;
  conclusion: string | null;
  html_url: string;
  run_attempt?: number;
  repository: { id: number };
  /** Null when the fork the run came from has since been deleted. */
  head_repository: { id: number; owner: { login: string } } | null;
  /** The pull requests GitHub linked to the run: always empty for a run from a fork. */
  pull_requests: Array<{ number: number }> | null;
}

/** What Slipway needs to know of a workflow run. */
export interface WorkflowRunSummary {
  id: number;
  path: string;
  headSha: string;
  headBranch: string | null;
  /** The owner of the repository the run's commit came from (a fork's owner, for a fork). */
  headOwner: string | undefined;
  /** True when the commit came from another repository (or from a fork since deleted). */
  fork: boolean;
  event: string;
  status: string | null;
  conclusion: string | null;
  htmlUrl: string;
  runAttempt: number;
  /** Pull requests GitHub linked to the run; for a fork's run these must be looked up by head. */
  pullNumbers: number[];
}

/**
 * The summary of a workflow run. Repositories are compared by id, as for pull requests: a
 * rename or transfer changes the name, not the repository.
 */
export function summariseWorkflowRun(run: WorkflowRunFields): WorkflowRunSummary {
  return {
    id: run.id,
    path: run.path,
    headSha: run.head_sha,
    headBranch: run.head_branch,
    headOwner: run.head_repository?.owner.login,
    fork: run.head_repository === null || run.head_repository.id !== run.repository.id,
    event: run.event,
    status: run.status,
    conclusion: run.conclusion,
    htmlUrl: run.html_url,
    runAttempt: run.run_attempt ?? 1,
    pullNumbers: (run.pull_requests ?? []).map((pull) => pull.number),
  };
}
