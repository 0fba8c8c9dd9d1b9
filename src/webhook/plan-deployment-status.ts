import type { DeploymentStatusEvent } from "@octokit/webhooks-types";
import { HandOffPayloadSchema } from "../model/hand-off-payload";
import { EMPTY_PLAN, type Plan } from "./plan";
import { repoRef } from "./repo-ref";

/** States a deploy workflow reports that Slipway shows: under way, or how it ended. */
const FOLLOWED = new Set(["in_progress", "success", "failure", "error"]);

/**
 * Turns a status the repository's deploy workflow posted on a Deployment Slipway handed to it
 * (`deployer: workflow`) into a `deployment-status` job, which reports it. Deployments of other
 * tools, Slipway's own previews (their payload names no hand-off) and states it does not show
 * plan nothing.
 */
export function planDeploymentStatus(payload: DeploymentStatusEvent): Plan {
  const repository = repoRef(payload);
  if (!repository || !FOLLOWED.has(payload.deployment_status.state)) return EMPTY_PLAN;
  const handOff = HandOffPayloadSchema.safeParse(payload.deployment.payload);
  if (!handOff.success) return EMPTY_PLAN;
  const status = payload.deployment_status;
  return {
    jobs: [
      {
        kind: "deployment-status",
        repository,
        deploymentId: payload.deployment.id,
        statusId: status.id,
        state: status.state,
        environment: payload.deployment.environment,
        sha: payload.deployment.sha,
        ...(status.environment_url ? { environmentUrl: status.environment_url } : {}),
        ...(status.log_url || status.target_url ? { logUrl: status.log_url || status.target_url } : {}),
        ...(status.description ? { description: status.description } : {}),
        handOff: handOff.data,
        eventAt: new Date(status.created_at).toISOString(),
      },
    ],
  };
}
