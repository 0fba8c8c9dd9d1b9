import type { z } from "zod";
import type { JobContext, JobOutcome } from "./job-context";

/**
 * What the webhook path and the sweeper know of one family of jobs (preview, teardown,
 * command, push, …): how to validate, name and group them. It lives beside the family's schema
 * (`<family>-job.ts`), away from the code that runs the jobs, so the functions that only submit
 * jobs do not load the worker's dependencies.
 */
export interface JobShape<Job extends { kind: string }> {
  /** The `kind` field every job of the family carries. */
  readonly kind: Job["kind"];
  /** Validates a job: a stored record is data, not trusted code. */
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
}

/** How the worker runs one family of jobs; registered with one line in `src/job-kinds.ts`. */
export interface JobRunner<Job> {
  run(job: Job, ctx: JobContext): Promise<JobOutcome>;
  /**
   * Tells the people waiting that Slipway gave up after its last attempt (the preview's check
   * run, the command's answer). The worker also marks the job's open Deployments `error`.
   */
  reportGaveUp?(job: Job, ctx: JobContext, reason: string): Promise<void>;
}

/** A family of jobs with its runner: everything the worker needs to know about it. */
export type JobKind<Job extends { kind: string }> = JobShape<Job> & JobRunner<Job>;

/** Declares a job family's shape; the type parameter is inferred from the schema. */
export function defineJobShape<Job extends { kind: string }>(shape: JobShape<Job>): JobShape<Job> {
  return shape;
}

/** Gives a job family's shape its runner. */
export function defineJobKind<Job extends { kind: string }>(shape: JobShape<Job>, runner: JobRunner<Job>): JobKind<Job> {
  return { ...shape, ...runner };
}
