import { UserFacingError } from "../util/user-facing-error";
import type { Readable } from "node:stream";
import { followDownloadRedirect } from "./follow-download-redirect";
import { githubErrorStatus } from "./github-error";
import type { Octokit } from "./octokit";

export { ArchiveDownloadError } from "./follow-download-redirect";

export type TarballOctokit = { request: Octokit["request"] };

export interface TarballRef {
  owner: string;
  repo: string;
  /** A commit SHA (or any ref GitHub resolves). */
  ref: string;
}

/** The commit is not in the repository (any more). */
export class RefNotFoundError extends UserFacingError {
  override name = "RefNotFoundError";
  constructor({ owner, repo, ref }: TarballRef) {
    super(`commit ${ref} not found in ${owner}/${repo}; it may have been force-pushed away. Push again to deploy the new head.`);
  }
}

/** The archive is bigger than the limit the caller accepts. */
export class ArchiveTooLargeError extends UserFacingError {
  override name = "ArchiveTooLargeError";
  constructor({ owner, repo, ref }: TarballRef, maxBytes: number) {
    super(
      `the archive of ${owner}/${repo} at ${ref} is larger than the limit of ${maxBytes} bytes; ` +
        "Slipway downloads the whole repository at the commit, so move large files out of it (for example to Git LFS).",
    );
  }
}

/**
 * Streams the gzip'd tarball of a repository at `ref`, refusing archives over `maxBytes`.
 * GitHub answers the tarball endpoint with a redirect to a short-lived download URL, which is
 * followed without the installation token (see `followDownloadRedirect`).
 */
export async function downloadTarball(
  octokit: TarballOctokit,
  target: TarballRef,
  { maxBytes }: { maxBytes: number },
): Promise<Readable> {
  // @octokit/request hands a manual redirect back as an ordinary response (only 304 and
  // 4xx/5xx reject), with the Location header intact.
  const redirect = await octokit
    .request("GET /repos/{owner}/{repo}/tarball/{ref}", { ...target, request: { redirect: "manual" } })
    .catch((error: unknown) => {
      throw githubErrorStatus(error) === 404 ? new RefNotFoundError(target) : error;
    });
  return followDownloadRedirect(redirect, {
    noun: "archive",
    where: `${target.owner}/${target.repo} at ${target.ref}`,
    maxBytes,
    tooLarge: () => new ArchiveTooLargeError(target, maxBytes),
  });
}
