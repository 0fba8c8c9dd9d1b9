import { z } from "zod";
import { githubErrorStatus } from "./github-error";
import type { Octokit } from "./octokit";
import { ReleaseAssetSchema } from "./release-asset";

export type ReleaseOctokit = { request: Octokit["request"] };

/** The fields of a release a publish reads, as GitHub's REST API gives them. */
const ReleaseSchema = z.object({
  id: z.number().int().positive(),
  tag_name: z.string().min(1),
  draft: z.boolean(),
  prerelease: z.boolean(),
  html_url: z.string(),
  assets: z.array(ReleaseAssetSchema),
});
export type Release = z.output<typeof ReleaseSchema>;

/** The release deleted since it was published. */
export class ReleaseNotFoundError extends Error {
  override name = "ReleaseNotFoundError";
}

/**
 * The release as it is now, with its assets, and the commit its tag points at. Read afresh by
 * every publish run: a retry may come days after the webhook, and assets may have been added.
 */
export async function getRelease(octokit: ReleaseOctokit, { owner, repo, releaseId }: { owner: string; repo: string; releaseId: number }): Promise<{ release: Release; commitSha: string }> {
  const answer = await octokit.request("GET /repos/{owner}/{repo}/releases/{release_id}", { owner, repo, release_id: releaseId }).catch((error: unknown) => {
    if (githubErrorStatus(error) === 404) throw new ReleaseNotFoundError(`release ${releaseId} of ${owner}/${repo} no longer exists; nothing was published. Publish a new release to publish again.`);
    throw error;
  });
  const release = ReleaseSchema.parse(answer.data);
  const commit = await octokit.request("GET /repos/{owner}/{repo}/commits/{ref}", { owner, repo, ref: `tags/${release.tag_name}` });
  const { sha } = z.object({ sha: z.string().regex(/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/) }).parse(commit.data);
  return { release, commitSha: sha };
}
