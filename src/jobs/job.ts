import { createHash } from "node:crypto";
import { z } from "zod";

/** The repository a job acts on, as the webhook named it. */
export const RepoRefSchema = z.object({
  installationId: z.number().int().positive(),
  repoId: z.number().int().positive(),
  owner: z.string().min(1),
  repo: z.string().min(1),
});
export type RepoRef = z.infer<typeof RepoRefSchema>;

const sha = z.string().regex(/^[0-9a-f]{40}$/, "must be a 40-character commit SHA");

/** Build (or rebuild) the preview of one pull request at one commit. */
export const PreviewJobSchema = z.object({
  kind: z.literal("preview"),
  repository: RepoRefSchema,
  pullNumber: z.number().int().positive(),
  headSha: sha,
  headRef: z.string().min(1),
  /** True when the head repository differs from the base: gated by `preview.forks`. */
  fork: z.boolean(),
  /** When GitHub last updated the pull request; orders pushes so a stale job never wins. */
  eventAt: z.iso.datetime({ offset: true }),
});
export type PreviewJob = z.infer<typeof PreviewJobSchema>;

/** Stop serving a pull request's preview and mark its deployments inactive. */
export const TeardownJobSchema = z.object({
  kind: z.literal("teardown"),
  repository: RepoRefSchema,
  pullNumber: z.number().int().positive(),
  reason: z.enum(["closed", "expired"]),
  eventAt: z.iso.datetime({ offset: true }),
});
export type TeardownJob = z.infer<typeof TeardownJobSchema>;

export const JobSchema = z.discriminatedUnion("kind", [PreviewJobSchema, TeardownJobSchema]);
export type Job = z.infer<typeof JobSchema>;

export const JOB_STATES = ["queued", "running", "succeeded", "failed", "superseded"] as const;
export type JobState = (typeof JOB_STATES)[number];
export const FINAL_JOB_STATES: readonly JobState[] = ["succeeded", "failed", "superseded"];

/**
 * A job's deterministic identity: the same event always yields the same id, so a redelivered
 * webhook or SQS message finds the job it already created instead of making a second one.
 */
export function jobId(job: Job): string {
  const identity =
    job.kind === "preview"
      ? [job.kind, job.repository.repoId, job.pullNumber, job.headSha]
      : [job.kind, job.repository.repoId, job.pullNumber, job.reason, job.eventAt];
  return createHash("sha256").update(identity.join("\u0000")).digest("hex").slice(0, 32);
}

/**
 * The ordering group of a job: all jobs of one pull request run one at a time, in order
 * (the SQS FIFO message group), so two of them never race on the same comment or environment.
 */
export function jobGroup(job: Job): string {
  return `${job.repository.repoId}-pr-${job.pullNumber}`;
}

/** The environment name of a pull request's preview. */
export function previewEnvironment(pullNumber: number): string {
  return `pr-${pullNumber}`;
}
