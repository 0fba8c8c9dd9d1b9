/**
 * Raised instead of a GitHub request that would have to wait longer than a worker should sleep:
 * the installation's write budget is spent, or paused after a rate-limit answer. The worker puts
 * the job back on the queue until `retryAt` (see `delaySeconds`) rather than holding a worker.
 */
export class WriteBudgetDeferredError extends Error {
  override name = "WriteBudgetDeferredError";
  readonly installationId: number;
  readonly retryAt: Date;
  /** Why: which limit is spent, or what GitHub answered. */
  readonly reason: string;

  constructor(details: { installationId: number; retryAt: Date; reason: string }) {
    super(
      `GitHub writes of installation ${details.installationId} must wait until ${details.retryAt.toISOString()} (${details.reason}); put the job back on the queue until then.`,
    );
    this.installationId = details.installationId;
    this.retryAt = details.retryAt;
    this.reason = details.reason;
  }

  /** Whole seconds from `now` until `retryAt`, at least 1: how long the queue should keep the job back. */
  delaySeconds(now: Date): number {
    return Math.max(1, Math.ceil((this.retryAt.getTime() - now.getTime()) / 1000));
  }
}
