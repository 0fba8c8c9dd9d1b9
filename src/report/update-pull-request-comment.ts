import type { KnownObjects } from "../github/create-once";
import { stickyMarker, upsertStickyComment } from "../github/upsert-sticky-comment";
import type { Octokit } from "../github/octokit";
import { pullRequestRows, type PullRequestRowSources } from "./pull-request-rows";
import { renderComment, type EnvironmentRow } from "./render-comment";

export const PULL_REQUEST_MARKER = stickyMarker("pull-request");

/**
 * Writes the one sticky comment of a pull request (created once, then edited in place): a row
 * for every environment the pull request touched, `current` as the running job reports it.
 */
export async function updatePullRequestComment(
  octokit: Octokit,
  sources: PullRequestRowSources,
  target: { owner: string; repo: string; pullNumber: number },
  current?: EnvironmentRow,
  notes: string[] = [],
  known?: KnownObjects,
): Promise<void> {
  const rows = await pullRequestRows(sources, target, current);
  const body = renderComment({ marker: PULL_REQUEST_MARKER, rows, notes });
  await upsertStickyComment(octokit, { owner: target.owner, repo: target.repo, issueNumber: target.pullNumber, marker: PULL_REQUEST_MARKER, body }, known);
}
