import { Readable, Transform, pipeline } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";

/** A download could not be fetched for a reason that retrying may fix. */
export class ArchiveDownloadError extends Error {
  override name = "ArchiveDownloadError";
}

/** GitHub's answer to a download endpoint asked not to follow redirects. */
export interface DownloadRedirect {
  status: number;
  headers: { location?: string };
}

export interface DownloadOptions {
  /** What is downloaded, in messages: `archive` or `artifact`. */
  noun: string;
  /** Which one, in messages: `acme/web at 6dcb09b`. */
  where: string;
  /** Bytes accepted, by Content-Length up front and by counting while streaming. */
  maxBytes: number;
  /** The error for a download over `maxBytes`. */
  tooLarge(): Error;
}

/**
 * Follows GitHub's redirect from a download endpoint (the repository tarball, an Actions
 * artifact) and streams what the short-lived URL serves, refusing more than `maxBytes`.
 *
 * The URL carries its own short-lived credential in its query and lives on another host, so it
 * is fetched without the installation token (which must not leave the API host), and neither the
 * URL nor its credential ever appears in a message.
 */
export async function followDownloadRedirect(redirect: DownloadRedirect, options: DownloadOptions): Promise<Readable> {
  const { noun, where, maxBytes } = options;
  const location = redirect.headers.location;
  if (redirect.status < 300 || redirect.status >= 400 || typeof location !== "string") {
    throw new ArchiveDownloadError(`GitHub answered the ${noun} request for ${where} with HTTP ${redirect.status} instead of a redirect; the job will be retried.`);
  }

  let response: Response;
  try {
    response = await fetch(location, { redirect: "follow" });
  } catch (error) {
    const reason = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    throw new ArchiveDownloadError(`the ${noun} download of ${where} failed (${redact(reason, location, noun)}); the job will be retried.`);
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new ArchiveDownloadError(`the ${noun} download of ${where} answered HTTP ${response.status}; the job will be retried.`);
  }
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body.cancel();
    throw options.tooLarge();
  }

  let seen = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > maxBytes) done(options.tooLarge());
      else done(null, chunk);
    },
  });
  // pipeline destroys the download when the limit trips, and forwards download errors to `limit`.
  return pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), limit, () => {});
}

/** Removes the download URL, or any part of it that holds a credential, from a message. */
function redact(message: string, location: string, noun: string): string {
  const url = new URL(location);
  let safe = message.split(location).join(`the ${noun} download`);
  for (const value of url.searchParams.values()) if (value) safe = safe.split(value).join("[redacted]");
  return safe;
}
