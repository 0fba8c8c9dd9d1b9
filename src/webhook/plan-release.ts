import type { ReleasePublishedEvent } from "@octokit/webhooks-types";
import { EMPTY_PLAN, type Plan } from "./plan";
import { repoRef } from "./repo-ref";

/**
 * Turns a published release into a publish job: the worker publishes it to every target of
 * `publish:` at the release's tag. A draft plans nothing (GitHub does not send `published`
 * for drafts, but a payload saying so is believed).
 */
export function planRelease(payload: ReleasePublishedEvent): Plan {
  const repository = repoRef(payload);
  if (!repository || payload.release.draft) return EMPTY_PLAN;
  return {
    jobs: [
      {
        kind: "publish",
        repository,
        releaseId: payload.release.id,
        tag: payload.release.tag_name,
        actor: payload.release.author?.login ?? payload.sender.login,
      },
    ],
  };
}
