import type { ReleasePublishedEvent } from "@octokit/webhooks-types";
import semver from "semver";
import { EMPTY_PLAN, type Plan } from "./plan";
import { repoRef } from "./repo-ref";

/**
 * A published release becomes a propagation job: the worker reads `propagate:` at the tag and
 * does nothing for a repository without it. Drafts, prereleases and tags that are not a version
 * (`v1.2.0` and `1.2.0` are) plan nothing: consumers are only moved to stable versions.
 */
export function planPropagation(payload: ReleasePublishedEvent): Plan {
  const repository = repoRef(payload);
  const { release } = payload;
  if (!repository || release.draft || release.prerelease) return EMPTY_PLAN;
  const version = semver.valid(release.tag_name.replace(/^v/, ""));
  if (!version || semver.prerelease(version)) return EMPTY_PLAN;
  return {
    jobs: [
      {
        kind: "propagate",
        repository,
        tag: release.tag_name,
        version,
        releaseUrl: release.html_url,
        publishedAt: new Date(release.published_at ?? release.created_at).toISOString(),
        actor: payload.sender.login,
      },
    ],
  };
}
