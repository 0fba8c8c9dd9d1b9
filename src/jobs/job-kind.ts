import type { z } from "zod";
import type { JobContext, JobOutcome } from "./job-context";

/**
 * One family of jobs (preview, teardown, command, push, …): everything the webhook path, the
 * worker and the sweeper need to know about it. A family lives in its own folder under
 * `src/jobs/` and is registered with one line in `src/job-kinds.ts`.
 */
export interface JobKind<Job extends { kind: string }> {
  /** The `kind` field every job of the family carries. */
  readonly kind: Job["kind"];
  /** Validates a stored job before it runs: the record is data, not trusted code. */
  readonly schema: z.ZodType<Job>;
  /**
   * What makes a job this one and no other: the same event always gives the same identity, so
   * a redelivered webhook or a repeated fan-out finds the job it made before.
   */
  identity(job: Job): ReadonlyArray<string | number>;
  /**
   * The ordering group: jobs of one group run one at a time, in order (the SQS FIFO message
   * group), so two of them never race on the same comment or branch.
   */
  group(job: Job): string;
  run(job: Job, ctx: JobContext): Promise<JobOutcome>;
  /**
   * Tells the people waiting that Slipway gave up after its last attempt (the preview's check
   * run, the command's answer). The worker also marks the job's open Deployments `error`.
   */
  reportGaveUp?(job: Job, ctx: JobContext, reason: string): Promise<void>;
}

/** Declares a job family; the type parameter is inferred from the schema. */
export function defineJobKind<Job extends { kind: string }>(kind: JobKind<Job>): JobKind<Job> {
  return kind;
}
