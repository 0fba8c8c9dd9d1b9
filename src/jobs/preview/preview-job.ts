import { z } from "zod";
import { CommitShaSchema } from "../../model/commit-sha";
import { RepoRefSchema } from "../../model/repo-ref";
import { defineJobShape } from "../job-kind";
import { pullRequestGroup } from "../job-groups";
import { runIdentity } from "../run-identity";

/** Build (or rebuild) the preview of one pull request at one commit. */
export const PreviewJobSchema = z.object({
  kind: z.literal("preview"),
  repository: RepoRefSchema,
  pullNumber: z.number().int().positive(),
  headSha: CommitShaSchema,
  headRef: z.string().min(1),
  /** True when the head repository differs from the base: gated by `preview.forks`. */
  fork: z.boolean(),
  /** A maintainer's `/preview` approved this commit of a fork's pull request. */
  approvedBy: z.string().optional(),
  /** Who pushed or opened it (the event's sender), for the audit trail. */
  actor: z.string().optional(),
  /** When GitHub last updated the pull request; orders pushes so a stale job never wins. */
  eventAt: z.iso.datetime({ offset: true }),
  /** The head's sequence when this delivery was recorded: orders events of the same second. */
  sequence: z.number().int().min(0).optional(),
  /** The workflow run whose completion resumed this job: its artifact is the build (`source.artifact`). */
  workflowRunId: z.number().int().positive().optional(),
  /** The run's attempt: a re-run of the workflow is a new build to deploy. */
  runAttempt: z.number().int().positive().optional(),
});
export type PreviewJob = z.infer<typeof PreviewJobSchema>;

/** Previews: one per pull request commit; a later commit's job supersedes an earlier one's. */
export const previewShape = defineJobShape({
  kind: "preview",
  schema: PreviewJobSchema,
  // A run's completion resumes the preview as a job of its own, so the waiting one (finished) does not hide it.
  identity: (job) => [job.repository.repoId, job.pullNumber, job.headSha, ...runIdentity(job)],
  group: (job) => pullRequestGroup(job.repository.repoId, job.pullNumber),
});
