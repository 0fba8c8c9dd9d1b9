import type { PullRequestEvent } from "@octokit/webhooks-types";
import { UPGRADE_BRANCH_PREFIX } from "../jobs/propagate/package-slug";
import { EMPTY_PLAN, type Plan } from "./plan";
import { repoRef } from "./repo-ref";

/**
 * A closed pull request from a `slipway/` branch of the same repository may be an upgrade that
 * propagation opened: a job records it merged or closed (the worker checks it is one), so the
 * version is not proposed again and the campaign's check run shows it.
 */
export function planUpgradeClosed(payload: PullRequestEvent): Plan {
  const repository = repoRef(payload);
  const pull = payload.pull_request;
  if (!repository || payload.action !== "closed" || !pull.head.ref.startsWith(UPGRADE_BRANCH_PREFIX)) return EMPTY_PLAN;
  if (pull.head.repo?.id !== repository.repoId) return EMPTY_PLAN;
  return {
    jobs: [
      {
        kind: "propagate-closed",
        repository,
        pullNumber: pull.number,
        branch: pull.head.ref,
        merged: pull.merged === true,
        eventAt: new Date(pull.updated_at).toISOString(),
      },
    ],
  };
}
