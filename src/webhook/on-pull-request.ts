import type { Context } from "probot";
import { acceptDelivery, type AcceptDeliveryDeps } from "./accept-delivery";
import { planPullRequest } from "./plan-pull-request";

/** `pull_request` opened / reopened / synchronize / closed: plan the preview or teardown job. */
export function onPullRequest(deps: AcceptDeliveryDeps) {
  return async function pullRequestEvent(context: Context<"pull_request">): Promise<void> {
    const plan = planPullRequest(context.payload);
    const outcome = await acceptDelivery(deps, context.id, plan, new Date());
    context.log.info(
      { delivery: context.id, action: context.payload.action, pull: context.payload.pull_request.number, jobs: plan.jobs.length, outcome },
      "pull_request event",
    );
  };
}
