import { createHash } from "node:crypto";
import { z } from "zod";
import { CommandSchema } from "../slash-command/command";

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
  /** A maintainer's `/preview` approved this commit of a fork's pull request. */
  approvedBy: z.string().optional(),
  /** Who pushed or opened it (the event's sender), for the audit trail. */
  actor: z.string().optional(),
  /** When GitHub last updated the pull request; orders pushes so a stale job never wins. */
  eventAt: z.iso.datetime({ offset: true }),
});
export type PreviewJob = z.infer<typeof PreviewJobSchema>;

/** Stop serving a pull request's preview and mark its deployments inactive. */
export const TeardownJobSchema = z.object({
  kind: z.literal("teardown"),
  repository: RepoRefSchema,
  pullNumber: z.number().int().positive(),
  reason: z.enum(["closed", "expired", "command"]),
  /** Who removed it, for the audit trail (the sweeper, or a `/preview destroy`'s author). */
  actor: z.string().optional(),
  eventAt: z.iso.datetime({ offset: true }),
});
export type TeardownJob = z.infer<typeof TeardownJobSchema>;

/** A slash command from a pull request comment. */
export const CommandJobSchema = z.object({
  kind: z.literal("command"),
  repository: RepoRefSchema,
  pullNumber: z.number().int().positive(),
  commentId: z.number().int().positive(),
  commentUrl: z.string().min(1),
  /** Login of the commenter, whose permission is checked. */
  actor: z.string().min(1),
  command: CommandSchema,
  eventAt: z.iso.datetime({ offset: true }),
});
export type CommandJob = z.infer<typeof CommandJobSchema>;

/** A push to a branch: deploys every environment configured with that `branch`. */
export const PushJobSchema = z.object({
  kind: z.literal("push"),
  repository: RepoRefSchema,
  branch: z.string().min(1),
  headSha: sha,
  pusher: z.string().min(1),
  compareUrl: z.string().min(1),
  eventAt: z.iso.datetime({ offset: true }),
});
export type PushJob = z.infer<typeof PushJobSchema>;

export const JobSchema = z.discriminatedUnion("kind", [PreviewJobSchema, TeardownJobSchema, CommandJobSchema, PushJobSchema]);
export type Job = z.infer<typeof JobSchema>;

export const JOB_STATES = ["queued", "running", "succeeded", "failed", "superseded"] as const;
export type JobState = (typeof JOB_STATES)[number];
export const FINAL_JOB_STATES: readonly JobState[] = ["succeeded", "failed", "superseded"];

/**
 * A job's deterministic identity: the same event always yields the same id, so a redelivered
 * webhook or SQS message finds the job it already created instead of making a second one.
 */
export function jobId(job: Job): string {
  const identity = identityOf(job);
  return createHash("sha256").update(identity.join("\u0000")).digest("hex").slice(0, 32);
}

function identityOf(job: Job): Array<string | number> {
  switch (job.kind) {
    case "preview":
      return [job.kind, job.repository.repoId, job.pullNumber, job.headSha];
    case "teardown":
      return [job.kind, job.repository.repoId, job.pullNumber, job.reason, job.eventAt];
    case "command":
      // A comment is a command once: edits are not commands.
      return [job.kind, job.repository.repoId, job.commentId];
    case "push":
      return [job.kind, job.repository.repoId, job.branch, job.headSha];
  }
}

/**
 * The ordering group of a job: all jobs of one pull request (or pushes to one branch) run one
 * at a time, in order (the SQS FIFO message group), so two of them never race on the same
 * comment; deploys of one environment from different groups are serialised by its claim.
 */
export function jobGroup(job: Job): string {
  if (job.kind === "push") return `${job.repository.repoId}-branch-${job.branch}`;
  return `${job.repository.repoId}-pr-${job.pullNumber}`;
}

/** The environment name of a pull request's preview. */
export function previewEnvironment(pullNumber: number): string {
  return `pr-${pullNumber}`;
}
