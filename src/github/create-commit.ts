import type { Octokit } from "./octokit";

export type CreateCommitOctokit = { rest: { git: Pick<Octokit["rest"]["git"], "createCommit"> } };

/** A commit of `tree` on top of `parent` (one write); no branch points at it yet. Returns its SHA. */
export async function createCommit(octokit: CreateCommitOctokit, { owner, repo, tree, parent, message }: { owner: string; repo: string; tree: string; parent: string; message: string }): Promise<string> {
  const { data } = await octokit.rest.git.createCommit({ owner, repo, message, tree, parents: [parent] });
  return data.sha;
}
