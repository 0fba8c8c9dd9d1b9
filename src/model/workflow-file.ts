/** Where GitHub Actions reads a repository's workflows from. */
const WORKFLOWS = ".github/workflows/";

/**
 * Whether a run (by its `path`) ran the configured workflow, named as in `source.artifact.workflow`
 * by its file name (`build.yml`). Runs of any other file — another workflow, or a same-named
 * file elsewhere — are not.
 */
export function isRunOfWorkflow(runPath: string, workflow: string): boolean {
  return runPath === `${WORKFLOWS}${workflow}`;
}
