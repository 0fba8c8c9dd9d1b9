import { z } from "zod";
import { CommitShaSchema } from "../../model/commit-sha";
import { RepoRefSchema } from "../../model/repo-ref";
import { defineJobShape } from "../job-kind";
import { workflowRunGroup } from "../job-groups";

/**
 * A completed workflow run: if it ran the workflow `source.artifact` names, its artifact is
 * deployed to every pull request and branch whose head is the run's commit.
 */
export const WorkflowRunJobSchema = z.object({
  kind: z.literal("workflow-run"),
  repository: RepoRefSchema,
  runId: z.number().int().positive(),
  runAttempt: z.number().int().positive(),
  /** The workflow file the run ran: `.github/workflows/build.yml`. */
  workflowPath: z.string(),
  headSha: CommitShaSchema,
  headBranch: z.string().min(1).optional(),
  /** Owner of the repository the commit came from: a fork's owner for a fork's run. */
  headOwner: z.string().min(1).optional(),
  fork: z.boolean(),
  /** Pull requests GitHub linked to the run at this commit: always none for a fork's run. */
  pullNumbers: z.array(z.number().int().positive()),
  conclusion: z.string().optional(),
  htmlUrl: z.string().min(1),
  /** Who triggered the run, for the audit trail of the deploys it starts. */
  actor: z.string().min(1),
  /** When the run completed. */
  eventAt: z.iso.datetime({ offset: true }),
});
export type WorkflowRunJob = z.infer<typeof WorkflowRunJobSchema>;

/** A completed workflow run: fans out to the previews and pushes waiting for its artifact. */
export const workflowRunShape = defineJobShape({
  kind: "workflow-run",
  schema: WorkflowRunJobSchema,
  identity: (job) => [job.repository.repoId, job.runId, job.runAttempt],
  group: (job) => workflowRunGroup(job.repository.repoId, job.runId),
});
