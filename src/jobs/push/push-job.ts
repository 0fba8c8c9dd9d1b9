import { z } from "zod";
import { CommitShaSchema } from "../../model/commit-sha";
import { RepoRefSchema } from "../../model/repo-ref";
import { defineJobShape } from "../job-kind";
import { branchGroup } from "../job-groups";
import { runIdentity } from "../run-identity";

/** A push to a branch: deploys every environment configured with that `branch`. */
export const PushJobSchema = z.object({
  kind: z.literal("push"),
  repository: RepoRefSchema,
  branch: z.string().min(1),
  headSha: CommitShaSchema,
  pusher: z.string().min(1),
  compareUrl: z.string().min(1),
  eventAt: z.iso.datetime({ offset: true }),
  /** The head's sequence when this delivery was recorded: orders events of the same second. */
  sequence: z.number().int().min(0).optional(),
  /** The workflow run whose completion resumed this job: its artifact is the build (`source.artifact`). */
  workflowRunId: z.number().int().positive().optional(),
  /** The run's attempt: a re-run of the workflow is a new build to deploy. */
  runAttempt: z.number().int().positive().optional(),
});
export type PushJob = z.infer<typeof PushJobSchema>;

/** Push-to-deploy: one job per pushed commit; pushes to one branch run in order. */
export const pushShape = defineJobShape({
  kind: "push",
  schema: PushJobSchema,
  identity: (job) => [job.repository.repoId, job.branch, job.headSha, ...runIdentity(job)],
  group: (job) => branchGroup(job.repository.repoId, job.branch),
});
