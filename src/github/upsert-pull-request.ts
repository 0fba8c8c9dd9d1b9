import type { Octokit } from "./octokit";

export type UpsertPullRequestOctokit = {
  rest: { pulls: Pick<Octokit["rest"]["pulls"], "list" | "create" | "update"> };
};

/** A pull request Slipway opened or edited. */
export interface UpsertedPullRequest {
  number: number;
  url: string;
  outcome: "opened" | "updated";
}

/**
 * Edits the open pull request from `head` into `base` (the one numbered `known` when it is still
 * open, else the first listed), or opens one. One write; the listing is a read, made only when
 * no open pull request is known.
 */
export async function upsertPullRequest(
  octokit: UpsertPullRequestOctokit,
  { owner, repo, head, base, title, body, known }: { owner: string; repo: string; head: string; base: string; title: string; body: string; known?: number },
): Promise<UpsertedPullRequest> {
  let number = known;
  if (number === undefined) {
    const { data: open } = await octokit.rest.pulls.list({ owner, repo, head: `${owner}:${head}`, base, state: "open", per_page: 1 });
    number = open[0]?.number;
  }
  if (number !== undefined) {
    const { data } = await octokit.rest.pulls.update({ owner, repo, pull_number: number, title, body });
    if (data.state === "open") return { number: data.number, url: data.html_url, outcome: "updated" };
  }
  const { data } = await octokit.rest.pulls.create({ owner, repo, head, base, title, body });
  return { number: data.number, url: data.html_url, outcome: "opened" };
}
