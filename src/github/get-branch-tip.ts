import type { Octokit } from "./octokit";

export type BranchTipOctokit = { rest: { repos: Pick<Octokit["rest"]["repos"], "getBranch"> } };

/** A branch's head commit and that commit's tree: what a new commit on top of it names. */
export interface BranchTip {
  sha: string;
  treeSha: string;
}

/** The head of `branch` (one read, which also gives the commit's tree). */
export async function getBranchTip(octokit: BranchTipOctokit, { owner, repo, branch }: { owner: string; repo: string; branch: string }): Promise<BranchTip> {
  const { data } = await octokit.rest.repos.getBranch({ owner, repo, branch });
  return { sha: data.commit.sha, treeSha: data.commit.commit.tree.sha };
}
