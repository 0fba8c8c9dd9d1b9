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

/**
 * A webhook handler that plans jobs from the payload (a pure function) and accepts them:
 * records and queues, never calling GitHub.
 */
export function onEvent<Payload>(deps: AcceptDeliveryDeps, plan: (payload: Payload) => Plan) {
  return async function handleEvent(context: EventContext<Payload>): Promise<void> {
    const planned = plan(context.payload);
    const outcome = await acceptDelivery(deps, context.id, planned, new Date());
    context.log.info({ delivery: context.id, event: context.name, jobs: planned.jobs.map((job) => job.kind), outcome }, "webhook accepted");
  };
}
