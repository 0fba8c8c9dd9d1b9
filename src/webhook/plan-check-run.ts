import type { CheckRunRequestedActionEvent, CheckRunRerequestedEvent } from "@octokit/webhooks-types";
import { PUBLISH_CHECK, RETRY_FAILED_ACTION, releaseIdOfExternalId } from "../jobs/publish/publish-job";
import { EMPTY_PLAN, type Plan } from "./plan";
import { repoRef } from "./repo-ref";

/**
 * "Retry failed" pressed on Slipway's publish check run, or GitHub's "Re-run" of it: a publish
 * job for the release the run reports on, which publishes only what did not succeed. GitHub
 * sends these two actions only to the app that made the check run; a run of another name, or
 * without Slipway's `external_id`, plans nothing.
 */
export function planCheckRun(payload: CheckRunRequestedActionEvent | CheckRunRerequestedEvent): Plan {
  const repository = repoRef(payload);
  const run = payload.check_run;
  const releaseId = releaseIdOfExternalId(run.external_id);
  if (!repository || run.name !== PUBLISH_CHECK || releaseId === undefined) return EMPTY_PLAN;
  if (payload.action === "requested_action" && payload.requested_action?.identifier !== RETRY_FAILED_ACTION) return EMPTY_PLAN;
  return {
    jobs: [
      {
        kind: "publish",
        repository,
        releaseId,
        actor: payload.sender.login,
        retry: { checkRunId: run.id, action: payload.action, completedAt: run.completed_at ?? "" },
      },
    ],
  };
}
