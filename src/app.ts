import type { ApplicationFunction } from "probot";
import type { AcceptDeliveryDeps } from "./webhook/accept-delivery";
import { onPullRequest } from "./webhook/on-pull-request";

/** The Probot app: registration only. Every handler records and queues work; none calls GitHub. */
export function slipwayApp(deps: AcceptDeliveryDeps): ApplicationFunction {
  return (app) => {
    const pullRequest = onPullRequest(deps);
    app.on(["pull_request.opened", "pull_request.reopened", "pull_request.synchronize"], pullRequest);
    app.on("pull_request.closed", pullRequest);
  };
}
