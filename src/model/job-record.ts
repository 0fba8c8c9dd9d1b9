import { z } from "zod";

const isoTime = z.iso.datetime({ offset: true });

/**
 * What a job is asked to do, as stored: its `kind` and the fields that kind's own schema
 * reads. The store keeps it as it was submitted; the worker validates it against the kind's
 * schema before running it, so this floor needs to know no job kind.
 */
export const JobPayloadSchema = z.looseObject({ kind: z.string().regex(/^[a-z][a-z-]*$/, "must be a job kind name") });
export type JobPayload = z.infer<typeof JobPayloadSchema>;

export const JOB_STATES = ["queued", "running", "succeeded", "failed", "superseded"] as const;
export type JobState = (typeof JOB_STATES)[number];
export const FINAL_JOB_STATES: readonly JobState[] = ["succeeded", "failed", "superseded"];
export type FinalJobState = Extract<JobState, "succeeded" | "failed" | "superseded">;

/** A GitHub Deployment a job opened and has not yet settled (`success`, `failure`, `inactive`). */
export const OpenDeploymentSchema = z.object({
  installationId: z.number().int().positive(),
  owner: z.string().min(1),
  repo: z.string().min(1),
  environment: z.string().min(1),
  deploymentId: z.number().int().positive(),
});
export type OpenDeployment = z.infer<typeof OpenDeploymentSchema>;

/** A job's record: its truth (the SQS message only carries the id). */
export const JobRecordSchema = z.object({
  id: z.string().min(1),
  group: z.string().min(1),
  job: JobPayloadSchema,
  state: z.enum(JOB_STATES),
  attempts: z.number().int().min(0),
  createdAt: isoTime,
  updatedAt: isoTime,
  /** What the job did, in a sentence (final states). */
  result: z.string().optional(),
  /** The last failure's message. */
  error: z.string().optional(),
  /** Why the job last waited on the queue instead of running (its installation's write budget). */
  deferred: z.string().optional(),
  /**
   * Deployments this job opened that have no final status yet: when Slipway gives up on the
   * job, each is marked `error` so none stays `in_progress` for ever.
   */
  openDeployments: z.array(OpenDeploymentSchema).default([]),
});
export type JobRecord = z.infer<typeof JobRecordSchema>;
