import { JobDeferredError } from "../util/job-deferred-error";

/**
 * Raised instead of a GitHub request that would have to wait longer than a worker should sleep:
 * the installation's write budget is spent, or paused after a rate-limit answer. The worker puts
 * the job back on the queue until `retryAt` (see `delaySeconds`) rather than holding a worker.
 */
export class WriteBudgetDeferredError extends JobDeferredError {
  override name = "WriteBudgetDeferredError";
  readonly installationId: number;

  constructor(details: { installationId: number; retryAt: Date; reason: string }) {
    super(
      details.retryAt,
      details.reason,
      `GitHub writes of installation ${details.installationId} must wait until ${details.retryAt.toISOString()} (${details.reason}); put the job back on the queue until then.`,
    );
    this.installationId = details.installationId;
  }
}
