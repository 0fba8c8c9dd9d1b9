import { z } from "zod";
import { githubErrorStatus } from "./github-error";
import type { Octokit } from "./octokit";

export type RepoFileWriteOctokit = { rest: { repos: Pick<Octokit["rest"]["repos"], "createOrUpdateFileContents"> } };

/** The file changed between reading it and writing it: the write was refused, nothing was overwritten. */
export class RepoFileChangedError extends Error {
  override name = "RepoFileChangedError";
  constructor({ owner, repo, path }: { owner: string; repo: string; path: string }) {
    super(`${path} in ${owner}/${repo} changed while Slipway was updating it, so the update was not written; it will be read again and retried.`);
  }
}

const CommitSchema = z.object({ commit: z.object({ sha: z.string(), html_url: z.string() }) });

/**
 * Commits new text for an existing file through the contents API. `sha` is the blob SHA the
 * text was derived from: GitHub refuses the write (409) when the file has changed since, and
 * that is reported as {@link RepoFileChangedError} rather than overwriting the change. Without
 * `branch`, GitHub commits to the default branch.
 */
export async function writeRepoFile(
  octokit: RepoFileWriteOctokit,
  file: { owner: string; repo: string; path: string; text: string; sha: string; message: string; branch?: string },
): Promise<{ commitSha: string; commitUrl: string }> {
  const { owner, repo, path, text, sha, message, branch } = file;
  try {
    const { data } = await octokit.rest.repos.createOrUpdateFileContents({
      owner,
      repo,
      path,
      message,
      sha,
      content: Buffer.from(text, "utf8").toString("base64"),
      ...(branch ? { branch } : {}),
    });
    const { commit } = CommitSchema.parse(data);
    return { commitSha: commit.sha, commitUrl: commit.html_url };
  } catch (error) {
    if (githubErrorStatus(error) === 409) throw new RepoFileChangedError(file);
    throw error;
  }
}
