import type { Octokit } from "./octokit";

export type CreateTreeOctokit = { rest: { git: Pick<Octokit["rest"]["git"], "createTree"> } };

/**
 * A tree on `base_tree` with `files` (path → text) changed, their contents inline so no blob
 * request is made: one write whatever the number of files. Returns the tree's SHA.
 */
export async function createTree(octokit: CreateTreeOctokit, { owner, repo, baseTree, files }: { owner: string; repo: string; baseTree: string; files: ReadonlyMap<string, string> }): Promise<string> {
  const { data } = await octokit.rest.git.createTree({
    owner,
    repo,
    base_tree: baseTree,
    tree: [...files].map(([path, content]) => ({ path, mode: "100644" as const, type: "blob" as const, content })),
  });
  return data.sha;
}
