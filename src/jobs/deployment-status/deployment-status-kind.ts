import { defineJobKind } from "../job-kind";
import { deploymentGroup, pullRequestGroup } from "../job-groups";
import { DeploymentStatusJobSchema } from "./deployment-status-job";
import { runDeploymentStatus } from "./run-deployment-status";

/** The statuses of deploys handed to the repository's workflow: one job per status. */
export const deploymentStatusKind = defineJobKind({
  kind: "deployment-status",
  schema: DeploymentStatusJobSchema,
  identity: (job) => [job.repository.repoId, job.deploymentId, job.statusId],
  // With the pull request's commands, so its comment is written by one job at a time.
  group: (job) =>
    job.handOff.pull_request === undefined ? deploymentGroup(job.repository.repoId, job.deploymentId) : pullRequestGroup(job.repository.repoId, job.handOff.pull_request),
  run: runDeploymentStatus,
});
