import { z } from "zod";
import { CommitShaSchema } from "../../model/commit-sha";
import { HandOffPayloadSchema } from "../../model/hand-off-payload";
import { RepoRefSchema } from "../../model/repo-ref";

/** A status the repository's deploy workflow posted on a Deployment Slipway handed to it. */
export const DeploymentStatusJobSchema = z.object({
  kind: z.literal("deployment-status"),
  repository: RepoRefSchema,
  deploymentId: z.number().int().positive(),
  statusId: z.number().int().positive(),
  state: z.enum(["in_progress", "success", "failure", "error"]),
  environment: z.string().min(1),
  sha: CommitShaSchema,
  /** Where the workflow deployed it. */
  environmentUrl: z.string().min(1).optional(),
  /** The workflow run's log. */
  logUrl: z.string().min(1).optional(),
  description: z.string().optional(),
  /** The Deployment's payload, as Slipway wrote it: who asked, and where to answer. */
  handOff: HandOffPayloadSchema,
  eventAt: z.iso.datetime({ offset: true }),
});
export type DeploymentStatusJob = z.infer<typeof DeploymentStatusJobSchema>;
