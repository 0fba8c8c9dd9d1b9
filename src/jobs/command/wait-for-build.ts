import type { DeployResult } from "../../deploy/deploy-environment";
import type { PreviewResult } from "../../deploy/preview/deploy-preview";
import { JobDeferredError } from "../../util/job-deferred-error";
import type { CommandContext } from "./command-context";

/** How often a command whose build is not there yet looks again. */
const RETRY_MS = 60 * 1000;
/** How long after the comment a command keeps waiting for the build before it answers why not. */
export const BUILD_WAIT_MINUTES = 30;

/**
 * A command asked to deploy a commit whose artifact is not there yet (its workflow is still
 * running): the job goes back on the queue and looks again in a minute, for at most
 * {@link BUILD_WAIT_MINUTES} after the comment; past that the command answers why.
 */
export function waitForBuild(command: Pick<CommandContext, "ctx" | "job">, result: DeployResult | PreviewResult): void {
  if (result.outcome !== "waiting") return;
  const now = command.ctx.now().getTime();
  if (now - Date.parse(command.job.eventAt) >= BUILD_WAIT_MINUTES * 60 * 1000) return;
  throw new JobDeferredError(new Date(now + RETRY_MS), `waiting for ${result.workflow} to upload the artifact`);
}
