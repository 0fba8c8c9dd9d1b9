import type { Logger } from "probot";
import type { Plan } from "./plan";
import { acceptDelivery, type AcceptDeliveryDeps } from "./accept-delivery";

/** The part of Probot's context a planned event reads. */
interface EventContext<Payload> {
  id: string;
  name: string;
  payload: Payload;
  log: Logger;
}

/** Turns a webhook's payload into jobs and heads: a pure function, never calling GitHub. */
export type Planner<Payload> = (payload: Payload) => Plan;

/**
 * A webhook handler that plans jobs from the payload and accepts them: records and queues,
 * never calling GitHub. An event that several features answer (a release publishes and
 * propagates) gets one handler with every planner, since a delivery is claimed once: the plans
 * are joined, jobs in planner order, and at most one of them may record a head.
 */
export function onEvent<Payload>(deps: AcceptDeliveryDeps, ...planners: Planner<Payload>[]) {
  return async function handleEvent(context: EventContext<Payload>): Promise<void> {
    const planned = joinPlans(planners.map((plan) => plan(context.payload)));
    const outcome = await acceptDelivery(deps, { id: context.id, event: context.name }, planned, new Date());
    context.log.info({ delivery: context.id, event: context.name, jobs: planned.jobs.map((job) => job.kind), outcome }, "webhook accepted");
  };
}

function joinPlans(plans: Plan[]): Plan {
  if (plans.length === 1) return plans[0]!;
  const heads = plans.filter((plan) => plan.pullRequest || plan.branch);
  if (heads.length > 1) throw new Error("Only one planner of an event may record a head");
  return { ...heads[0], jobs: plans.flatMap((plan) => plan.jobs) };
}
