import { z } from "zod";
import { CommitShaSchema } from "../../model/commit-sha";
import { HandOffPayloadSchema } from "../../model/hand-off-payload";
import { RepoRefSchema } from "../../model/repo-ref";
import { defineJobShape } from "../job-kind";
import { deploymentGroup, pullRequestGroup } from "../job-groups";

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

/** The statuses of deploys handed to the repository's workflow: one job per status. */
export const deploymentStatusShape = defineJobShape({
  kind: "deployment-status",
  schema: DeploymentStatusJobSchema,
  identity: (job) => [job.repository.repoId, job.deploymentId, job.statusId],
  // With the pull request's commands, so its comment is written by one job at a time.
  group: (job) =>
    job.handOff.pull_request === undefined ? deploymentGroup(job.repository.repoId, job.deploymentId) : pullRequestGroup(job.repository.repoId, job.handOff.pull_request),
});
