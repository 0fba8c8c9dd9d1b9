import type { Job } from "../jobs/job";
import type { JobContext, JobOutcome } from "../jobs/job-context";
import { reportPreviewError, runPreview } from "../jobs/preview/run-preview";
import { runTeardown } from "../jobs/teardown/run-teardown";
import { reportCommandError, runCommand } from "../jobs/command/run-command";
import { reportPushError, runPush } from "../jobs/push/run-push";
import { safeErrorMessage } from "./safe-error-message";

/** Whether the queue message is finished with (`done`) or must be delivered again (`retry`). */
export type Delivery = "done" | "retry";

function execute(job: Job, ctx: JobContext): Promise<JobOutcome> {
  switch (job.kind) {
    case "preview":
      return runPreview(job, ctx);
    case "teardown":
      return runTeardown(job, ctx);
    case "command":
      return runCommand(job, ctx);
    case "push":
      return runPush(job, ctx);
  }
}

/**
 * What the user hears when Slipway gives up on a job: the preview's failure, the command's
 * answer, the push's check run. A teardown that never finished leaves the preview up; the
 * sweeper's next expiry tries again.
 */
async function reportGaveUp(job: Job, ctx: JobContext, reason: string): Promise<void> {
  switch (job.kind) {
    case "preview":
      return reportPreviewError(job, ctx, reason);
    case "command":
      return reportCommandError(job, ctx, reason);
    case "push":
      return reportPushError(job, ctx, reason);
    case "teardown":
      return;
  }
}

/**
 * Runs one job by id. The record decides whether there is work: a message for a finished job
 * is acknowledged without doing anything, so redelivery never repeats a comment or deployment.
 * A failure is retried (the message comes back after the queue's back-off) until the last
 * attempt; then it is reported on the pull request, recorded as failed, and the message is
 * left to fail once more so the queue moves it to the dead-letter queue.
 */
export async function runJob(ctx: JobContext, jobId: string, receiveCount: number): Promise<Delivery> {
  const record = await ctx.stores.jobs.beginAttempt(jobId, ctx.now());
  if (!record) {
    ctx.log.debug({ jobId }, "job already finished or unknown; acknowledging");
    return "done";
  }
  const log = ctx.log.child({ jobId, kind: record.job.kind, attempt: record.attempts });
  try {
    const outcome = await execute(record.job, ctx);
    await ctx.stores.jobs.finish(jobId, outcome.state, { result: outcome.result }, ctx.now());
    log.info({ state: outcome.state, result: outcome.result }, "job finished");
    return "done";
  } catch (error) {
    const message = safeErrorMessage(error);
    const lastAttempt = Math.max(record.attempts, receiveCount) >= ctx.maxAttempts;
    log.warn({ err: error, lastAttempt }, "job attempt failed");
    if (!lastAttempt) {
      await ctx.stores.jobs.release(jobId, message, ctx.now());
      return "retry";
    }
    await reportGaveUp(record.job, ctx, message).catch((reportError: unknown) =>
      log.error({ err: reportError }, "could not report the failure on GitHub"),
    );
    await ctx.stores.jobs.finish(jobId, "failed", { error: message }, ctx.now());
    return "retry";
  }
}
