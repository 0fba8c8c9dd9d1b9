import type { Octokit } from "./octokit";

export type PullRequestOctokit = {
  rest: { pulls: Pick<Octokit["rest"]["pulls"], "get"> };
};

export interface PullRequestSummary {
  headSha: string;
  headRef: string;
  baseRef: string;
  /** True when the head branch lives in another repository, or in one that was deleted. */
  fork: boolean;
  state: "open" | "closed";
  merged: boolean;
  htmlUrl: string;
  /** ISO 8601, as GitHub gives it. */
  updatedAt: string;
}

/**
 * The current state of a pull request. Jobs read it afresh instead of trusting the webhook
 * payload that queued them, which may be minutes old when a job runs or is retried: the head
 * may have moved, or the pull request may have been closed.
 *
 * A deleted fork leaves `head.repo` null; it is still a fork, since the code came from outside
 * the repository. Repositories are compared by id, not name, because a rename or transfer
 * changes the name but not the repository.
 */
export async function getPullRequest(
  octokit: PullRequestOctokit,
  { owner, repo, pullNumber }: { owner: string; repo: string; pullNumber: number },
): Promise<PullRequestSummary> {
  const { data } = await octokit.rest.pulls.get({ owner, repo, pull_number: pullNumber });
  return {
    headSha: data.head.sha,
    headRef: data.head.ref,
    baseRef: data.base.ref,
    fork: data.head.repo === null || data.head.repo.id !== data.base.repo.id,
    state: data.state,
    merged: data.merged,
    htmlUrl: data.html_url,
    updatedAt: data.updated_at,
  };
}
