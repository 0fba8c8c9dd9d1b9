import { Readable, Transform, pipeline } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { githubErrorStatus } from "./github-error";
import type { Octokit } from "./octokit";
import { redactDownloadUrl } from "./redact-download-url";

export type ReleaseAssetOctokit = { request: Octokit["request"] };

export interface ReleaseAssetRef {
  owner: string;
  repo: string;
  /** The asset's id and name, as GitHub lists them; the name is only used in messages. */
  asset: { id: number; name: string; size: number };
}

/** The asset is no longer on the release (deleted or replaced since it was listed). */
export class ReleaseAssetNotFoundError extends Error {
  override name = "ReleaseAssetNotFoundError";
  constructor({ owner, repo, asset }: ReleaseAssetRef) {
    super(`the release asset ${asset.name} (id ${asset.id}) of ${owner}/${repo} no longer exists; it was deleted or replaced. Publish the release's current assets by re-running.`);
  }
}

/** The download failed or was cut short; retrying may fix it. */
export class ReleaseAssetDownloadError extends Error {
  override name = "ReleaseAssetDownloadError";
}

/**
 * Streams a release asset's bytes without holding them in memory.
 *
 * GitHub answers `GET /repos/{owner}/{repo}/releases/assets/{id}` with
 * `Accept: application/octet-stream` by redirecting to a short-lived download URL on another
 * host. That URL is fetched without the installation token (which must never leave GitHub's
 * API) and is never logged or put in a message, since its query grants access. The stream
 * fails with {@link ReleaseAssetDownloadError} when it carries more or fewer bytes than the
 * asset's listed size.
 */
export async function downloadReleaseAsset(octokit: ReleaseAssetOctokit, ref: ReleaseAssetRef): Promise<Readable> {
  const location = await assetLocation(octokit, ref);
  const what = `the release asset ${ref.asset.name} of ${ref.owner}/${ref.repo}`;

  let response: Response;
  try {
    // The token never travels with this request: `fetch` is given no credentials, and any
    // further redirect stays on the download host's side.
    response = await fetch(location, { redirect: "follow" });
  } catch (error) {
    const reason = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    throw new ReleaseAssetDownloadError(`the download of ${what} failed (${redactDownloadUrl(reason, location, "the download URL")}); it will be retried.`);
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new ReleaseAssetDownloadError(`the download of ${what} answered HTTP ${response.status}; it will be retried.`);
  }

  const expected = ref.asset.size;
  let seen = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > expected) done(new ReleaseAssetDownloadError(`the download of ${what} is longer than the ${expected} bytes GitHub lists; it will be retried.`));
      else done(null, chunk);
    },
    flush(done) {
      if (seen < expected) done(new ReleaseAssetDownloadError(`the download of ${what} ended after ${seen} of ${expected} bytes; it will be retried.`));
      else done();
    },
  });
  return pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), count, () => {});
}

async function assetLocation(octokit: ReleaseAssetOctokit, ref: ReleaseAssetRef): Promise<string> {
  // With a manual redirect, @octokit/request hands the 302 back as an ordinary response.
  const answer = await octokit
    .request("GET /repos/{owner}/{repo}/releases/assets/{asset_id}", {
      owner: ref.owner,
      repo: ref.repo,
      asset_id: ref.asset.id,
      headers: { accept: "application/octet-stream" },
      request: { redirect: "manual" },
    })
    .catch((error: unknown) => {
      throw githubErrorStatus(error) === 404 ? new ReleaseAssetNotFoundError(ref) : error;
    });
  const location = answer.headers.location;
  if (answer.status < 300 || answer.status >= 400 || typeof location !== "string") {
    throw new ReleaseAssetDownloadError(
      `GitHub answered the download of the release asset ${ref.asset.name} of ${ref.owner}/${ref.repo} with HTTP ${answer.status} instead of a redirect; it will be retried.`,
    );
  }
  return location;
}
