import { Transform } from "node:stream";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { extract } from "tar-stream";
import { ArchiveLimitError, CorruptArchiveError, InvalidSourceDirError, MissingSourceDirError, UnsafeArchiveError } from "../archive-errors";
import { sourceDirSegments } from "../archive-entry-name";
import { DEFAULT_ARCHIVE_LIMITS, formatBytes } from "../archive-limits";
import type { ArchiveLimits } from "../archive-limits";
import { SiteEntryReader } from "./site-entry-reader";
import type { WriteSiteFile } from "./site-entry-reader";

export interface ExtractSiteOptions {
  /** The served folder of the repository, as in preview.source.dir: `public`, `site/dist`, `.`. */
  dir: string;
  limits?: Partial<ArchiveLimits>;
  /** The commit the archive was made from, named in messages. */
  commit?: string;
}

export interface ExtractedSite {
  files: number;
  bytes: number;
  /** Paths relative to the source folder, in archive order. */
  paths: string[];
}

/**
 * Reads a GitHub tarball (gzip'd tar, everything under one `owner-repo-sha/` folder) as a
 * stream and passes each file under `options.dir` to `write`, with its path relative to that
 * folder. The archive is untrusted: unsafe entries raise {@link UnsafeArchiveError}, oversized
 * content {@link ArchiveLimitError}, unreadable bytes {@link CorruptArchiveError}, and a folder
 * holding no file {@link MissingSourceDirError}. Errors of the `archive` stream itself and
 * errors thrown by `write` propagate unchanged.
 *
 * Because the archive is streamed, files seen before a bad entry have already been written
 * when the error is raised. Callers write under the build's own immutable prefix and record
 * the build only after success, so such partial output is never served; every path passed to
 * `write` has been checked to stay inside that prefix.
 */
export async function extractSite(archive: Readable, options: ExtractSiteOptions, write: WriteSiteFile): Promise<ExtractedSite> {
  const limits: ArchiveLimits = { ...DEFAULT_ARCHIVE_LIMITS, ...options.limits };
  const reader = new SiteEntryReader(sourceDirSegments(options.dir), limits, write);
  const entries = extract();
  const gunzip = createGunzip();
  // The download is piped by hand rather than put in the pipeline, so that its own errors
  // (a size limit, a dropped connection) can be told apart from a corrupt archive and pass
  // through unchanged, and so a failure downstream stops it without being blamed on it.
  let sourceFailure: unknown;
  archive.on("error", (error) => {
    if (sourceFailure !== undefined) return;
    sourceFailure = error;
    gunzip.destroy(error);
  });
  archive.pipe(gunzip);
  // Settles to the stream's failure, if any, so it can be awaited after the loop without racing it.
  const streaming = pipeline(gunzip, byteCap(limits.maxArchiveBytes, () => reader.currentEntry), entries).then(
    () => undefined,
    (error: unknown) => error ?? new Error("the stream failed"),
  );

  let entryFailure: unknown;
  try {
    for await (const entry of entries) await reader.take(entry);
  } catch (error) {
    entryFailure = error;
  }
  const streamFailure = await streaming;
  if (entryFailure !== undefined || streamFailure !== undefined) {
    archive.unpipe(gunzip);
    archive.destroy();
    throw chooseError({ entryFailure, streamFailure, sourceFailure, writeFailure: reader.writeError });
  }
  if (reader.files === 0) throw new MissingSourceDirError(options.dir, options.commit);
  return { files: reader.files, bytes: reader.bytes, paths: [...reader.paths] };
}

function isArchiveError(error: unknown): boolean {
  return (
    error instanceof UnsafeArchiveError ||
    error instanceof ArchiveLimitError ||
    error instanceof MissingSourceDirError ||
    error instanceof InvalidSourceDirError
  );
}

interface Failures {
  entryFailure: unknown;
  streamFailure: unknown;
  sourceFailure: unknown;
  writeFailure: unknown;
}

/**
 * One failure shows up several ways (the loop's error, the pipeline's "premature close"):
 * report the one that says what was wrong with the archive, then the download's or the
 * storage's own error as is, and only otherwise call the archive unreadable.
 */
function chooseError({ entryFailure, streamFailure, sourceFailure, writeFailure }: Failures): unknown {
  if (isArchiveError(entryFailure)) return entryFailure;
  if (isArchiveError(streamFailure)) return streamFailure;
  if (sourceFailure !== undefined) return sourceFailure;
  if (writeFailure !== undefined) return writeFailure;
  return new CorruptArchiveError(streamFailure ?? entryFailure);
}

/** Passes decompressed bytes through until more than `max` have gone by: the gzip-bomb guard. */
function byteCap(max: number, currentEntry: () => string): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen <= max) return callback(null, chunk);
      const entry = currentEntry();
      callback(
        new ArchiveLimitError(
          "maxArchiveBytes",
          entry,
          `The repository archive unpacks to more than ${formatBytes(max)}, the limit (maxArchiveBytes), around the entry ${JSON.stringify(entry)}. Slipway stops there to guard against compression bombs: remove large files from the repository, or keep the site in a smaller one.`,
        ),
      );
    },
  });
}
