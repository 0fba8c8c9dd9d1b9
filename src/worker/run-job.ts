import type { JobContext, WorkerContext } from "../jobs/job-context";
import { InvalidJobError, type LoadedJob } from "../jobs/job-registry";
import { setDeploymentStatus } from "../github/set-deployment-status";
import { JobDeferredError } from "../util/job-deferred-error";
import type { JobRecord } from "../model/job-record";
import { safeErrorMessage } from "./safe-error-message";

/**
 * Whether the queue message is finished with (`done`), must be delivered again after the queue's
 * back-off (`retry`), or after a wait the job's installation's write budget named (`deferSeconds`).
 */
export type Delivery = "done" | "retry" | { deferSeconds: number };

/**
 * Runs one job by id. The record decides whether there is work: a message for a finished job
 * is acknowledged without doing anything, so redelivery never repeats a comment or deployment.
 * A failure is retried (the message comes back after the queue's back-off) until the last
 * attempt; then it is reported where people wait for it (by its kind), its open Deployments
 * are marked `error`, it is recorded as failed, and the message is left to fail once more so
 * the queue moves it to the dead-letter queue. A job no registered kind accepts is recorded as
 * failed at once: no retry can fix it.
 */
export async function runJob(worker: WorkerContext, jobId: string): Promise<Delivery> {
  const record = await worker.stores.jobs.beginAttempt(jobId, worker.now());
  if (!record) {
    worker.log.debug({ jobId }, "job already finished or unknown; acknowledging");
    return "done";
  }
  const log = worker.log.child({ jobId, kind: record.job.kind, attempt: record.attempts });
  let loaded: LoadedJob;
  try {
    loaded = worker.kinds.load(record.job);
  } catch (error) {
    if (!(error instanceof InvalidJobError)) throw error;
    log.error({ err: error }, "job cannot run");
    await worker.stores.jobs.finish(jobId, "failed", { error: error.message }, worker.now());
    return "done";
  }
  const ctx: JobContext = { ...worker, jobId };
  try {
    const outcome = await loaded.run(ctx);
    await worker.stores.jobs.finish(jobId, outcome.state, { result: outcome.result }, worker.now());
    log.info({ state: outcome.state, result: outcome.result }, "job finished");
    return "done";
  } catch (error) {
    if (error instanceof JobDeferredError) {
      // Not a failure: the attempt is given back and the job waits on the queue, not in a worker.
      await worker.stores.jobs.defer(jobId, error.retryAt, error.reason);
      log.info({ retryAt: error.retryAt.toISOString(), reason: error.reason }, "job deferred");
      return { deferSeconds: error.delaySeconds(worker.now()) };
    }
    const message = safeErrorMessage(error);
    // Receive counts include deferred deliveries: the job record's attempts are the measure.
    const lastAttempt = record.attempts >= worker.maxAttempts;
    log.warn({ err: error, lastAttempt }, "job attempt failed");
    if (!lastAttempt) {
      await worker.stores.jobs.release(jobId, message, worker.now());
      return "retry";
    }
    await reportGaveUp(ctx, loaded, record, message).catch((reportError: unknown) => log.error({ err: reportError }, "could not report the failure on GitHub"));
    await worker.stores.jobs.finish(jobId, "failed", { error: message }, worker.now());
    return "retry";
  }
}

/** Tells the people waiting, and marks every Deployment the job left open `error`. */
async function reportGaveUp(ctx: JobContext, loaded: LoadedJob, record: JobRecord, reason: string): Promise<void> {
  // The record read at the start of this attempt may predate Deployments the attempt opened.
  const open = (await ctx.stores.jobs.get(record.id))?.openDeployments ?? record.openDeployments;
  const description = `Slipway gave up after ${ctx.maxAttempts} attempts: ${reason}`.slice(0, 140);
  for (const deployment of open) {
    const octokit = await ctx.github(deployment.installationId);
    await setDeploymentStatus(octokit, { owner: deployment.owner, repo: deployment.repo, deploymentId: deployment.deploymentId, state: "error", description });
    await ctx.stores.jobs.settleDeployment(record.id, deployment);
  }
  await loaded.reportGaveUp(ctx, reason);
}
