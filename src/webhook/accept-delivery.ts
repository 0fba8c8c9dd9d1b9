import { submitJobs, type SubmitJobsDeps } from "../jobs/submit-jobs";
import type { BranchStore, DeliveryStore, PullRequestStore } from "../store/stores";
import type { Plan } from "./plan";

export interface AcceptDeliveryDeps extends SubmitJobsDeps {
  deliveries: DeliveryStore;
  pullRequests: Pick<PullRequestStore, "record">;
  branches: Pick<BranchStore, "record">;
}

export type Acceptance = "accepted" | "duplicate" | "ignored";

/**
 * The whole of the webhook path after verification: de-duplicate the delivery, record the
 * pull request's head, store and queue the jobs. Touches only DynamoDB and the queue, never
 * GitHub, so GitHub's acknowledgement cannot fail on GitHub. When a step fails the claim is
 * released, so GitHub's redelivery of the same delivery is processed instead of skipped.
 */
export async function acceptDelivery(deps: AcceptDeliveryDeps, deliveryId: string, plan: Plan, now: Date): Promise<Acceptance> {
  if (plan.jobs.length === 0 && !plan.pullRequest && !plan.branch) return "ignored";
  if (!(await deps.deliveries.claim(deliveryId, now))) return "duplicate";
  try {
    const head = plan.pullRequest ? await deps.pullRequests.record(plan.pullRequest) : plan.branch ? await deps.branches.record(plan.branch) : undefined;
    // Jobs learn where their delivery stands among events of the same second (see isOvertaken).
    const jobs = head?.recorded ? plan.jobs.map((job) => ({ ...job, sequence: head.sequence })) : plan.jobs;
    await submitJobs(deps, jobs, now);
    return "accepted";
  } catch (error) {
    await deps.deliveries.release(deliveryId).catch(() => undefined);
    throw error;
  }
}
