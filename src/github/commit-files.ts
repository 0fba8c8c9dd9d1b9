import type { Octokit } from "./octokit";

export type CommitFilesOctokit = { rest: { git: Pick<Octokit["rest"]["git"], "createTree" | "createCommit"> } };

/**
 * One commit on top of `parent` that changes `files` (path → text): a tree on `base_tree`
 * with the new contents inline (no blob requests), then the commit. Two writes whatever the
 * number of files. Returns the new commit's SHA; no branch points at it yet.
 */
export async function commitFiles(
  octokit: CommitFilesOctokit,
  { owner, repo, parent, message, files }: { owner: string; repo: string; parent: { sha: string; treeSha: string }; message: string; files: ReadonlyMap<string, string> },
): Promise<string> {
  const { data: tree } = await octokit.rest.git.createTree({
    owner,
    repo,
    base_tree: parent.treeSha,
    tree: [...files].map(([path, content]) => ({ path, mode: "100644" as const, type: "blob" as const, content })),
  });
  const { data: commit } = await octokit.rest.git.createCommit({ owner, repo, message, tree: tree.sha, parents: [parent.sha] });
  return commit.sha;
}
