import type { Octokit } from "./octokit";

export type PullFilesOctokit = {
  paginate: Pick<Octokit["paginate"], "iterator">;
  rest: { pulls: Pick<Octokit["rest"]["pulls"], "listFiles"> };
};

/**
 * Whether the pull request adds, changes, removes or renames the file at `path`. A fork's
 * `pull_request` workflow runs the workflow file as the pull request has it, so a fork that
 * edits the build workflow decides what its run uploads.
 */
export async function pullRequestChangesFile(
  octokit: PullFilesOctokit,
  { owner, repo, pullNumber, path }: { owner: string; repo: string; pullNumber: number; path: string },
): Promise<boolean> {
  const pages = octokit.paginate.iterator(octokit.rest.pulls.listFiles, { owner, repo, pull_number: pullNumber, per_page: 100 });
  for await (const { data } of pages) {
    if (data.some((file) => file.filename === path || file.previous_filename === path)) return true;
  }
  return false;
}
