import type { Readable } from "node:stream";
import { ArtifactExpiredError, ArtifactNotFoundError, ArtifactTooLargeError } from "./artifact-errors";
import { followDownloadRedirect } from "./follow-download-redirect";
import { githubErrorStatus } from "./github-error";
import type { Octokit } from "./octokit";

export type ArtifactDownloadOctokit = { request: Octokit["request"] };

export interface ArtifactRef {
  owner: string;
  repo: string;
  artifactId: number;
  /** The artifact's name, for messages. */
  name: string;
  /** How messages name the run it belongs to: `run 30433642 of build.yml (https://…)`. */
  run: string;
}

/**
 * Streams the zip of an Actions artifact, refusing more than `maxBytes`. GitHub answers
 * `…/artifacts/{id}/zip` with a redirect to a URL on another host that expires in a minute;
 * it is followed at once and without the installation token (see `followDownloadRedirect`).
 * An artifact GitHub has deleted answers 410 (expired) or 404.
 */
export async function downloadArtifact(
  octokit: ArtifactDownloadOctokit,
  artifact: ArtifactRef,
  { maxBytes }: { maxBytes: number },
): Promise<Readable> {
  const { owner, repo, artifactId, name, run } = artifact;
  const redirect = await octokit
    .request("GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}", {
      owner,
      repo,
      artifact_id: artifactId,
      archive_format: "zip",
      request: { redirect: "manual" },
    })
    .catch((error: unknown) => {
      const status = githubErrorStatus(error);
      if (status === 410) throw new ArtifactExpiredError(name, run);
      if (status === 404) throw new ArtifactNotFoundError(name, run);
      throw error;
    });
  return followDownloadRedirect(redirect, {
    noun: "artifact",
    where: `${JSON.stringify(name)} (id ${artifactId}) of ${owner}/${repo}`,
    maxBytes,
    tooLarge: () => new ArtifactTooLargeError(name, maxBytes),
  });
}
