import type { WorkflowRunSummary } from "../../model/workflow-run";
import { UserFacingError } from "../../util/user-facing-error";

/**
 * The workflow has not (yet) produced the artifact for the commit: no successful run of it is
 * known, or the run named is still going. A deploy waits for it; this says what it waits for.
 */
export class ArtifactNotReadyError extends UserFacingError {
  override name = "ArtifactNotReadyError";
  /** The run waited for, when one is going. */
  readonly runUrl: string | undefined;
  constructor(readonly workflow: string, sha: string, run?: WorkflowRunSummary) {
    super(
      run === undefined
        ? `Waiting for ${workflow}: no run of it for commit ${sha.slice(0, 7)} has succeeded yet. Slipway deploys its artifact once one does; push, or re-run the workflow, if none is coming.`
        : `Waiting for ${workflow}: its run for commit ${sha.slice(0, 7)} is ${run.status ?? "not finished"} (${run.htmlUrl}). Slipway deploys its artifact once it succeeds.`,
    );
    this.runUrl = run?.htmlUrl;
  }
}

/** The run that was to build the artifact did not succeed. */
export class WorkflowRunFailedError extends UserFacingError {
  override name = "WorkflowRunFailedError";
  constructor(readonly workflow: string, readonly run: WorkflowRunSummary) {
    super(
      `The run of ${workflow} for commit ${run.headSha.slice(0, 7)} ended ${run.conclusion ?? "without a conclusion"}, so there is no artifact to deploy: ${run.htmlUrl}. Fix the build and push, or re-run the workflow.`,
    );
  }
}

/** The run named for the deploy is of another workflow file or another commit than the configured source. */
export class WorkflowRunMismatchError extends UserFacingError {
  override name = "WorkflowRunMismatchError";
  constructor(workflow: string, sha: string, run: WorkflowRunSummary) {
    super(
      `The workflow run ${run.id} (${run.htmlUrl}) ran ${run.path} at commit ${run.headSha.slice(0, 7)}, not .github/workflows/${workflow} at ${sha.slice(0, 7)} as source.artifact asks: its artifact is not deployed. Check source.artifact.workflow in .github/slipway.yml.`,
    );
  }
}
