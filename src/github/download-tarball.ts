import { UserFacingError } from "../util/user-facing-error";
import { Readable, Transform, pipeline } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { githubErrorStatus } from "./github-error";
import type { Octokit } from "./octokit";

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

/** The archive could not be fetched for a reason that retrying may fix. */
export class ArchiveDownloadError extends Error {
  override name = "ArchiveDownloadError";
}

/**
 * Streams the gzip'd tarball of a repository at `ref`, refusing archives over `maxBytes`
 * (by Content-Length up front, and by counting while streaming, since the length may be absent).
 *
 * GitHub answers the tarball endpoint with a redirect to a download URL that carries a
 * short-lived token in its query, so that URL is never logged or put into an error message.
 * It is fetched without the installation token, which must not leave api.github.com.
 */
export async function downloadTarball(
  octokit: TarballOctokit,
  target: TarballRef,
  { maxBytes }: { maxBytes: number },
): Promise<Readable> {
  const location = await archiveLocation(octokit, target);
  const where = `${target.owner}/${target.repo} at ${target.ref}`;

  let response: Response;
  try {
    response = await fetch(location, { redirect: "follow" });
  } catch (error) {
    const reason = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    throw new ArchiveDownloadError(`the archive download of ${where} failed (${redact(reason, location)}); the job will be retried.`);
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new ArchiveDownloadError(`the archive download of ${where} answered HTTP ${response.status}; the job will be retried.`);
  }
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body.cancel();
    throw new ArchiveTooLargeError(target, maxBytes);
  }

  let seen = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > maxBytes) done(new ArchiveTooLargeError(target, maxBytes));
      else done(null, chunk);
    },
  });
  // pipeline destroys the download when the limit trips, and forwards download errors to `limit`.
  return pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), limit, () => {});
}

async function archiveLocation(octokit: TarballOctokit, target: TarballRef): Promise<string> {
  // @octokit/request hands a manual redirect back as an ordinary response (only 304 and
  // 4xx/5xx reject), with the Location header intact.
  const redirect = await octokit
    .request("GET /repos/{owner}/{repo}/tarball/{ref}", { ...target, request: { redirect: "manual" } })
    .catch((error: unknown) => {
      throw githubErrorStatus(error) === 404 ? new RefNotFoundError(target) : error;
    });
  const location = redirect.headers.location;
  if (redirect.status < 300 || redirect.status >= 400 || typeof location !== "string") {
    throw new ArchiveDownloadError(
      `GitHub answered the archive request for ${target.owner}/${target.repo} at ${target.ref} with HTTP ${redirect.status} instead of a redirect; the job will be retried.`,
    );
  }
  return location;
}

/** Removes the download URL, or any part of it that holds the token, from a message. */
function redact(message: string, location: string): string {
  const url = new URL(location);
  let safe = message.split(location).join("the archive download");
  for (const value of url.searchParams.values()) if (value) safe = safe.split(value).join("[redacted]");
  return safe;
}
