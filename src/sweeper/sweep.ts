import type { Logger } from "probot";
import { submitJobs } from "../jobs/submit-jobs";
import type { TeardownJob } from "../jobs/teardown/teardown-job";
import type { JobNamer } from "../jobs/job-registry";
import type { ReconcileResult } from "./reconcile-deliveries";
import type { JobQueue } from "../queue/job-queue";
import type { Stores } from "../store/stores";

export interface SweepDeps {
  stores: Pick<Stores, "environments" | "jobs">;
  queue: JobQueue;
  kinds: JobNamer;
  maxAttempts: number;
  /** A job not final and not updated for this long is queued again. */
  stuckAfterMs: number;
  /** Redelivers webhook deliveries GitHub failed to deliver (see `reconcileDeliveries`), where the app can. */
  reconcile?: () => Promise<ReconcileResult>;
  log: Logger;
}

export interface SweepResult {
  expired: number;
  requeued: number;
  abandoned: number;
  /** Deliveries redelivered by the reconciler in this sweep. */
  redelivered?: number;
}

const PAGE = 100;

/**
 * The scheduled sweep:
 * 1. previews idle past their `ttl_days` get a teardown job (its time is the expiry, so a
 *    push that came after it wins);
 * 2. jobs stuck in a non-final state (a lost message, a crashed worker) are queued again, or
 *    recorded as failed once they have used up their attempts;
 * 3. webhook deliveries GitHub could not deliver are redelivered (self-healing).
 */
export async function sweep(deps: SweepDeps, now: Date): Promise<SweepResult> {
  const expired = await deps.stores.environments.listExpired(now, PAGE);
  const teardowns: TeardownJob[] = expired.flatMap((environment) =>
    environment.pullNumber === undefined || environment.expiresAt === undefined
      ? []
      : [
          {
            kind: "teardown" as const,
            repository: { installationId: environment.installationId, repoId: environment.repoId, owner: environment.owner, repo: environment.repo },
            pullNumber: environment.pullNumber,
            reason: "expired" as const,
            eventAt: environment.expiresAt,
          },
        ],
  );
  await submitJobs({ jobs: deps.stores.jobs, queue: deps.queue, kinds: deps.kinds }, teardowns, now);

  const stuck = await deps.stores.jobs.listStuck(new Date(now.getTime() - deps.stuckAfterMs), PAGE);
  const abandoned = stuck.filter((job) => job.attempts > deps.maxAttempts);
  const retry = stuck.filter((job) => job.attempts <= deps.maxAttempts);
  for (const job of abandoned) {
    await deps.stores.jobs.finish(job.id, "failed", { error: `gave up after ${job.attempts} attempts without finishing` }, now);
  }
  if (retry.length > 0) {
    // A fresh deduplication id: this is a deliberate re-send, not a duplicate of the lost one.
    await deps.queue.send(retry.map((job) => ({ jobId: job.id, group: job.group, dedupSuffix: `sweep-${now.getTime()}` })));
  }

  // Last, and on its own: a GitHub outage must not stop the sweep's own work above.
  const reconciled = deps.reconcile ? await deps.reconcile().catch((error: unknown) => deps.log.warn({ err: error }, "could not reconcile webhook deliveries; the next sweep tries again")) : undefined;
  const result: SweepResult = { expired: teardowns.length, requeued: retry.length, abandoned: abandoned.length, ...(reconciled ? { redelivered: reconciled.redelivered.length } : {}) };
  deps.log.info(result, "sweep finished");
  return result;
}
