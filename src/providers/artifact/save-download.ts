import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { Transform } from "node:stream";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { ArchiveDownloadError } from "../../github/follow-download-redirect";

/**
 * Writes a download to `file`, checking it against GitHub's `sha256:<hex>` digest when there is
 * one: a zip altered or cut short on the way is not unpacked. A mismatch is retried, as any
 * failed download is.
 */
export async function saveDownload(download: Readable, file: string, { digest, what }: { digest: string | undefined; what: string }): Promise<void> {
  const hash = createHash("sha256");
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  await pipeline(download, tap, createWriteStream(file, { mode: 0o600 }));
  if (digest === undefined) return;
  const actual = `sha256:${hash.digest("hex")}`;
  if (actual.toLowerCase() !== digest.toLowerCase()) {
    throw new ArchiveDownloadError(`the download of ${what} does not match the digest GitHub gives for it (${digest}, got ${actual}); the job will be retried.`);
  }
}
