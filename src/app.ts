import type { ApplicationFunction } from "probot";
import type { AcceptDeliveryDeps } from "./webhook/accept-delivery";
import { onEvent } from "./webhook/on-event";
import { planIssueComment } from "./webhook/plan-issue-comment";
import { planPullRequest } from "./webhook/plan-pull-request";
import { planPush } from "./webhook/plan-push";
import { planPropagation } from "./webhook/plan-propagation";
import { planUpgradeClosed } from "./webhook/plan-upgrade-closed";

/** The Probot app: registration only. Every handler records and queues work; none calls GitHub. */
export function slipwayApp(deps: AcceptDeliveryDeps): ApplicationFunction {
  return (app) => {
    app.on(["pull_request.opened", "pull_request.reopened", "pull_request.synchronize", "pull_request.closed"], onEvent(deps, planPullRequest, planUpgradeClosed));
    app.on("issue_comment.created", onEvent(deps, planIssueComment));
    app.on("push", onEvent(deps, planPush));
    app.on("release.published", onEvent(deps, planPropagation));
  };
}
