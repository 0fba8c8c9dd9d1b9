import { z } from "zod";
import { CommitSha, InstallationPart, RepositoryPart, Timestamp } from "./payload-parts";

/** What `planDeploymentStatus` reads of a `deployment_status` delivery. */
export const DeploymentStatusPayload = z.object({
  action: z.string().min(1),
  installation: InstallationPart,
  repository: RepositoryPart,
  deployment_status: z.object({
    id: z.number().int().positive(),
    state: z.string().min(1),
    description: z.string().nullish(),
    // GitHub sends "" for a status without an address.
    environment_url: z.string().nullish(),
    log_url: z.string().nullish(),
    target_url: z.string().nullish(),
    created_at: Timestamp,
  }),
  deployment: z.object({
    id: z.number().int().positive(),
    sha: CommitSha,
    environment: z.string().min(1),
    // Whatever the Deployment's creator put there: Slipway's own are recognised by `HandOffPayloadSchema`.
    payload: z.unknown(),
  }),
});
