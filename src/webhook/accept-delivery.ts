import { intakeGroup, type IntakeJob } from "../jobs/intake/intake-job";
import { submitJobs, type SubmitJobsDeps } from "../jobs/submit-jobs";
import type { Plan } from "./plan";
import { receiptSequence } from "./receipt-sequence";

export type AcceptDeliveryDeps = SubmitJobsDeps;

/**
 * `accepted`: recorded now. `duplicate`: a redelivery of a delivery already recorded.
 * `retried`: a redelivery of one whose recording had given up, recorded again. `ignored`: plans
 * nothing.
 */
export type Acceptance = "accepted" | "duplicate" | "retried" | "ignored";

/** The delivery's headers that name it: `X-GitHub-Delivery` and `X-GitHub-Event`. */
export interface DeliveryName {
  id: string;
  event: string;
}

/**
 * The whole of the webhook path after verification: one conditional write, the delivery's
 * intake job (its planned jobs, the head it names and its receipt sequence), then the queue. The
 * intake's id is the delivery's, so that write is also the de-duplication: a redelivery finds it
 * (and queues it again while it is unfinished, since its message may never have been sent, or
 * reopens it when it had given up).
 * Touches only DynamoDB and the queue, never GitHub, so GitHub's acknowledgement cannot fail on
 * GitHub; the worker records the head and the jobs (see `intake-kind.ts`). Each planned job is
 * validated against its kind first, so a malformed one is refused with the delivery.
 */
export async function acceptDelivery(deps: AcceptDeliveryDeps, delivery: DeliveryName, plan: Plan, now: Date): Promise<Acceptance> {
  if (plan.jobs.length === 0 && !plan.pullRequest && !plan.branch) return "ignored";
  const jobs = plan.jobs.map((job) => deps.kinds.load(job));
  const intake: IntakeJob = {
    kind: "intake",
    deliveryId: delivery.id,
    event: delivery.event,
    receivedAt: now.toISOString(),
    sequence: receiptSequence(now),
    group: intakeGroup(jobs[0]?.group, delivery.id),
    jobs: jobs.map((named) => named.job),
    ...(plan.pullRequest ? { pullRequest: plan.pullRequest } : {}),
    ...(plan.branch ? { branch: plan.branch } : {}),
  };
  // A redelivery whose intake had given up (the store or the queue was out for longer than its
  // attempts lasted) reopens it: the redelivery is what recovers the delivery.
  const { created, reopened } = await submitJobs(deps, [intake], now, { reopenFailed: true });
  return created > 0 ? "accepted" : reopened > 0 ? "retried" : "duplicate";
}
