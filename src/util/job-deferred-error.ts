/**
 * Raised by a job that cannot go on yet, for a reason that passes with time (its installation's
 * write budget is spent; a build it needs is not there yet): the worker puts the job back on the
 * queue until `retryAt` without counting an attempt, instead of holding a worker or failing.
 * A job that waits must bound its own waiting (by its event's age, say) and fail once past it.
 */
export class JobDeferredError extends Error {
  override name = "JobDeferredError";

  constructor(
    readonly retryAt: Date,
    /** Why it waits, in a sentence: recorded on the job. */
    readonly reason: string,
    message = `The job waits until ${retryAt.toISOString()}: ${reason}.`,
  ) {
    super(message);
  }

  /** Whole seconds from `now` until `retryAt`, at least 1: how long the queue keeps the job back. */
  delaySeconds(now: Date): number {
    return Math.max(1, Math.ceil((this.retryAt.getTime() - now.getTime()) / 1000));
  }
}
