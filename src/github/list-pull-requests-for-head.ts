import type { Octokit } from "./octokit";

export type PullsForHeadOctokit = {
  paginate: Pick<Octokit["paginate"], "iterator">;
  rest: { pulls: Pick<Octokit["rest"]["pulls"], "list"> };
};

/**
 * The open pull requests whose head is `sha` on branch `headOwner:headBranch`. A fork's
 * workflow run names no pull request (GitHub leaves `pull_requests` empty for runs from another
 * repository), so they are found by their head branch; the SHA must match too, because the
 * branch may have moved on since the run started.
 */
export async function listPullRequestsForHead(
  octokit: PullsForHeadOctokit,
  { owner, repo, headOwner, headBranch, sha }: { owner: string; repo: string; headOwner: string; headBranch: string; sha: string },
): Promise<number[]> {
  const numbers: number[] = [];
  const pages = octokit.paginate.iterator(octokit.rest.pulls.list, { owner, repo, head: `${headOwner}:${headBranch}`, state: "open", per_page: 100 });
  for await (const { data } of pages) {
    for (const pull of data) if (pull.head.sha === sha) numbers.push(pull.number);
  }
  return numbers;
}
