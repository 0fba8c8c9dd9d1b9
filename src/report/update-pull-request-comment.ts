import { stickyMarker, upsertStickyComment } from "../github/upsert-sticky-comment";
import type { InstallationOctokit } from "../jobs/job-context";
import { renderComment, type EnvironmentRow } from "./render-comment";

export const PULL_REQUEST_MARKER = stickyMarker("pull-request");

/** Writes the one sticky comment of a pull request (created once, then edited in place). */
export async function updatePullRequestComment(
  octokit: InstallationOctokit,
  target: { owner: string; repo: string; pullNumber: number },
  rows: EnvironmentRow[],
  notes: string[] = [],
): Promise<void> {
  const body = renderComment({ marker: PULL_REQUEST_MARKER, rows, notes });
  await upsertStickyComment(octokit, { owner: target.owner, repo: target.repo, issueNumber: target.pullNumber, marker: PULL_REQUEST_MARKER, body });
}
