import type { ApplicationFunction } from "probot";
import type { AcceptDeliveryDeps } from "./webhook/accept-delivery";
import { onEvent } from "./webhook/on-event";
import { planCheckRun } from "./webhook/plan-check-run";
import { planDeploymentStatus } from "./webhook/plan-deployment-status";
import { planIssueComment } from "./webhook/plan-issue-comment";
import { planPropagation } from "./webhook/plan-propagation";
import { planPullRequest } from "./webhook/plan-pull-request";
import { planPush } from "./webhook/plan-push";
import { planRelease } from "./webhook/plan-release";
import { planUpgradeClosed } from "./webhook/plan-upgrade-closed";
import { planWorkflowRun } from "./webhook/plan-workflow-run";

/** The Probot app: registration only. Every handler records and queues work; none calls GitHub. */
export function slipwayApp(deps: AcceptDeliveryDeps): ApplicationFunction {
  return (app) => {
    app.on(["pull_request.opened", "pull_request.reopened", "pull_request.synchronize", "pull_request.closed"], onEvent(deps, planPullRequest, planUpgradeClosed));
    app.on("issue_comment.created", onEvent(deps, planIssueComment));
    app.on("push", onEvent(deps, planPush));
    app.on("release.published", onEvent(deps, planRelease, planPropagation));
    app.on(["check_run.requested_action", "check_run.rerequested"], onEvent(deps, planCheckRun));
    app.on("workflow_run.completed", onEvent(deps, planWorkflowRun));
    app.on("deployment_status.created", onEvent(deps, planDeploymentStatus));
  };
}
