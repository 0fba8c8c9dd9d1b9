import type { JobContext, JobOutcome } from "../job-context";
import { defineJobKind } from "../job-kind";
import { intakeShape, type IntakeJob } from "./intake-job";

/**
 * Records the head the delivery names and submits its jobs (each recorded once, by its
 * identity). Both are idempotent, so an attempt that failed halfway is simply run again. The
 * jobs of a delivery that names a head carry its sequence, which is how a job for an older
 * commit tells it was overtaken. Never calls GitHub.
 */
async function runIntake(intake: IntakeJob, ctx: JobContext): Promise<JobOutcome> {
  const { sequence } = intake;
  const recordHead = intake.pullRequest
    ? ctx.stores.pullRequests.record({ ...intake.pullRequest, sequence })
    : intake.branch
      ? ctx.stores.branches.record({ ...intake.branch, sequence })
      : undefined;
  const jobs = recordHead ? intake.jobs.map((job) => ({ ...job, sequence })) : intake.jobs;
  await Promise.all([recordHead, ctx.submit(jobs)]);
  const kinds = jobs.map((job) => job.kind).join(", ") || "no jobs";
  return { state: "succeeded", result: `${intake.event} delivery ${intake.deliveryId} recorded: ${kinds}` };
}

export const intakeKind = defineJobKind(intakeShape, {
  run: runIntake,
  async reportGaveUp(intake, ctx, reason) {
    // Nobody waits on GitHub for an intake; the log is where it shows, with the way back.
    ctx.log.error(
      { deliveryId: intake.deliveryId, event: intake.event, jobs: intake.jobs.map((job) => job.kind) },
      `the jobs of webhook delivery ${intake.deliveryId} could not be recorded: ${reason}. ` +
        "Once the cause is fixed, redeliver it from the GitHub App's advanced settings: the redelivery records them again.",
    );
  },
});
