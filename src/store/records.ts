import { z } from "zod";
import { JOB_STATES, JobSchema } from "../jobs/job";

const isoTime = z.iso.datetime({ offset: true });

/** A job's record: its truth (the SQS message only carries the id). */
export const JobRecordSchema = z.object({
  id: z.string().min(1),
  group: z.string().min(1),
  job: JobSchema,
  state: z.enum(JOB_STATES),
  attempts: z.number().int().min(0),
  createdAt: isoTime,
  updatedAt: isoTime,
  /** What the job did, in a sentence (final states). */
  result: z.string().optional(),
  /** The last failure's message. */
  error: z.string().optional(),
});
export type JobRecord = z.infer<typeof JobRecordSchema>;

/**
 * An environment: a named pointer to a build. `pr-<n>` environments are previews; the site
 * server resolves `<owner>/<repo>/<name>` through this record.
 */
export const EnvironmentRecordSchema = z.object({
  installationId: z.number().int().positive(),
  repoId: z.number().int().positive(),
  owner: z.string().min(1),
  repo: z.string().min(1),
  name: z.string().min(1),
  state: z.enum(["active", "removed"]),
  /** Commit of the build served. */
  sha: z.string().min(1),
  /** Blob prefix of the build served (`builds/<owner>/<repo>/<buildKey>/`). */
  buildKey: z.string().min(1),
  /** Serve `/index.html` for paths that match no file. */
  spa: z.boolean(),
  /** Time of the event that produced this state: an older event never overwrites a newer one. */
  sourceAt: isoTime,
  /** The GitHub Deployment now live here, to mark `inactive` when replaced. */
  deploymentId: z.number().int().positive().optional(),
  pullNumber: z.number().int().positive().optional(),
  url: z.string().min(1),
  /** Previews only: when the sweeper tears this environment down unless a push comes first. */
  expiresAt: isoTime.optional(),
  updatedAt: isoTime,
});
export type EnvironmentRecord = z.infer<typeof EnvironmentRecordSchema>;

/** A stored build: the files of one commit (and source folder), written once, never changed. */
export const BuildRecordSchema = z.object({
  owner: z.string().min(1),
  repo: z.string().min(1),
  buildKey: z.string().min(1),
  sha: z.string().min(1),
  files: z.number().int().min(0),
  bytes: z.number().int().min(0),
  createdAt: isoTime,
});
export type BuildRecord = z.infer<typeof BuildRecordSchema>;

/** The newest head commit the webhook has seen for a pull request. */
export const PullRequestRecordSchema = z.object({
  owner: z.string().min(1),
  repo: z.string().min(1),
  pullNumber: z.number().int().positive(),
  headSha: z.string().min(1),
  state: z.enum(["open", "closed"]),
  eventAt: isoTime,
});
export type PullRequestRecord = z.infer<typeof PullRequestRecordSchema>;
