import { z } from "zod";
import { githubErrorStatus } from "./github-error";
import type { Octokit } from "./octokit";

export type RepoFileReadOctokit = { rest: { repos: Pick<Octokit["rest"]["repos"], "getContent"> } };

/** A text file of a repository as the contents API gives it. */
export interface RepoFile {
  text: string;
  /** The blob SHA, which a later write names so that it never overwrites a concurrent change. */
  sha: string;
  htmlUrl: string;
}

const FileContentSchema = z.object({
  type: z.literal("file"),
  encoding: z.string(),
  content: z.string(),
  sha: z.string(),
  html_url: z.string(),
});

/** The file is not one the contents API returns inline (a folder, a link, or over 1 MB). */
export class UnreadableRepoFileError extends Error {
  override name = "UnreadableRepoFileError";
}

/**
 * Reads a text file through the contents API, at `ref` or else the repository's default
 * branch. Returns undefined when the file (or the repository, to this installation) does not
 * exist.
 */
export async function readRepoFile(
  octokit: RepoFileReadOctokit,
  { owner, repo, path, ref }: { owner: string; repo: string; path: string; ref?: string },
): Promise<RepoFile | undefined> {
  let data: unknown;
  try {
    ({ data } = await octokit.rest.repos.getContent({ owner, repo, path, ...(ref ? { ref } : {}) }));
  } catch (error) {
    if (githubErrorStatus(error) === 404) return undefined;
    throw error;
  }
  const file = FileContentSchema.safeParse(data);
  if (!file.success || file.data.encoding !== "base64") {
    throw new UnreadableRepoFileError(`${path} in ${owner}/${repo} is not a file the contents API returns inline (a folder, a link or a file over 1 MB); make it a plain text file.`);
  }
  return { text: Buffer.from(file.data.content, "base64").toString("utf8"), sha: file.data.sha, htmlUrl: file.data.html_url };
}
