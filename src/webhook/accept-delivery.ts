import { submitJobs, type SubmitJobsDeps } from "../jobs/submit-jobs";
import type { BranchStore, DeliveryStore, PullRequestStore } from "../store/stores";
import type { Plan } from "./plan";
import { receiptSequence } from "./receipt-sequence";

export interface AcceptDeliveryDeps extends SubmitJobsDeps {
  deliveries: DeliveryStore;
  pullRequests: Pick<PullRequestStore, "record">;
  branches: Pick<BranchStore, "record">;
}

export type Acceptance = "accepted" | "duplicate" | "ignored";

/**
 * The whole of the webhook path after verification: de-duplicate the delivery, then record
 * the pull request's (or branch's) head and store and queue the jobs, side by side. Touches only
 * DynamoDB and the queue, never GitHub, so GitHub's acknowledgement cannot fail on GitHub. The
 * head and the jobs carry the delivery's receipt sequence, which orders events of the same
 * second (see `isOvertaken`). When a step fails the claim is released, so GitHub's redelivery
 * of the same delivery is processed instead of skipped.
 */
export async function acceptDelivery(deps: AcceptDeliveryDeps, deliveryId: string, plan: Plan, now: Date): Promise<Acceptance> {
  if (plan.jobs.length === 0 && !plan.pullRequest && !plan.branch) return "ignored";
  if (!(await deps.deliveries.claim(deliveryId, now))) return "duplicate";
  try {
    const sequence = receiptSequence(now);
    const recordHead = plan.pullRequest
      ? deps.pullRequests.record({ ...plan.pullRequest, sequence })
      : plan.branch
        ? deps.branches.record({ ...plan.branch, sequence })
        : undefined;
    const jobs = recordHead ? plan.jobs.map((job) => ({ ...job, sequence })) : plan.jobs;
    await Promise.all([recordHead, submitJobs(deps, jobs, now)]);
    return "accepted";
  } catch (error) {
    await deps.deliveries.release(deliveryId).catch(() => undefined);
    throw error;
  }
}
