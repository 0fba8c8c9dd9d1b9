import type { PushEvent } from "@octokit/webhooks-types";
import { EMPTY_PLAN, type Plan } from "./plan";
import { repoRef } from "./repo-ref";

const SKIP_DEPLOY = /\[skip deploy\]/i;

/**
 * Turns a push to a branch into a push job: the worker deploys every environment configured
 * with that branch. Tags, deleted branches and pushes whose head commit says `[skip deploy]`
 * plan nothing. The branch's newest head is recorded so an overtaken push is not built.
 */
export function planPush(payload: PushEvent): Plan {
  const repository = repoRef(payload);
  if (!repository || payload.deleted || !payload.ref.startsWith("refs/heads/")) return EMPTY_PLAN;
  const branch = payload.ref.slice("refs/heads/".length);
  // GitHub stamps the push itself (`pushed_at`, seconds); commit times can be older than the push.
  const pushedAt = typeof payload.repository.pushed_at === "number" ? payload.repository.pushed_at * 1000 : Date.parse(payload.head_commit?.timestamp ?? "");
  if (Number.isNaN(pushedAt)) return EMPTY_PLAN;
  const eventAt = new Date(pushedAt).toISOString();
  const head = { owner: repository.owner, repo: repository.repo, branch, headSha: payload.after, eventAt };
  if (payload.head_commit && SKIP_DEPLOY.test(payload.head_commit.message)) return { jobs: [], branch: head };
  return {
    branch: head,
    jobs: [
      {
        kind: "push",
        repository,
        branch,
        headSha: payload.after,
        pusher: payload.sender?.login ?? payload.pusher.name,
        compareUrl: payload.compare,
        eventAt,
      },
    ],
  };
}
