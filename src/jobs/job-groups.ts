/** The ordering group of everything about one pull request: its previews, commands and teardown. */
export function pullRequestGroup(repoId: number, pullNumber: number): string {
  return `${repoId}-pr-${pullNumber}`;
}

/** The ordering group of the pushes to one branch. */
export function branchGroup(repoId: number, branch: string): string {
  return `${repoId}-branch-${branch}`;
}

/** The ordering group of one workflow run's fan-out. */
export function workflowRunGroup(repoId: number, runId: number): string {
  return `${repoId}-run-${runId}`;
}

/** The ordering group of the statuses of one Deployment no pull request follows (a push's). */
export function deploymentGroup(repoId: number, deploymentId: number): string {
  return `${repoId}-deployment-${deploymentId}`;
}
