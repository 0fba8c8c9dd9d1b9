/**
 * Putting one record of a batch back on the queue for a while: "deliver this again in N
 * seconds", for a job that would otherwise sleep in a worker (its installation's write budget
 * is spent or paused). The worker defers the record, then reports it as a batch item failure.
 *
 * How deferrals count. A deferral is not a failure: Slipway's own attempt counter, in the job's
 * record, decides when a job has failed (SLIPWAY_MAX_ATTEMPTS failed attempts; a deferred run is
 * not one). The queue's own dead-lettering is only the backstop for messages that never reach a
 * job record (a malformed body, a state table that cannot be read):
 * - the embedded queue dead-letters a message after `maxAttempts` failed receives, not counting
 *   the receives that ended in a deferral;
 * - SQS cannot tell them apart, since ApproximateReceiveCount grows with every receive, so the job
 *   queue's redrive `maxReceiveCount` is {@link SQS_MAX_RECEIVE_COUNT}: room for
 *   SLIPWAY_MAX_ATTEMPTS failures (at most 20) and at least 80 deferrals. A message deferred
 *   more often than that lands in the dead-letter queue with its job unfinished, and the sweeper's
 *   stuck-job scan sends it again.
 * On both queues ApproximateReceiveCount counts deferred receives too, so the worker must judge
 * a job's last attempt by the job record's attempts, never by the receive count.
 */
export interface RecordDeferral {
  /**
   * Keeps the record with this receipt handle (of the batch being handled) away from the worker
   * for `seconds` (rounded up, at most {@link MAX_DEFER_SECONDS}); its message group waits with it,
   * as FIFO order requires. The worker must then report the record as a batch item failure.
   */
  deferRecord(receiptHandle: string, seconds: number): Promise<void>;
}

/**
 * SQS keeps a message invisible for at most 12 hours from its receive; a Lambda worker may have
 * run for up to 15 minutes of those before it defers.
 */
export const MAX_DEFER_SECONDS = 12 * 60 * 60 - 15 * 60;

/** The job queue's redrive `maxReceiveCount` in serverless.yml (see {@link RecordDeferral}). */
export const SQS_MAX_RECEIVE_COUNT = 100;

/** The whole seconds a deferral of `seconds` keeps a record away. */
export function deferSeconds(seconds: number): number {
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new RangeError(`A record can be deferred by 0 to ${MAX_DEFER_SECONDS} seconds, got ${seconds}.`);
  }
  return Math.min(Math.ceil(seconds), MAX_DEFER_SECONDS);
}
