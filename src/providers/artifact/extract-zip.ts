import { openPromise } from "yauzl";
import type { Entry, ZipFile } from "yauzl";
import { CorruptArchiveError, MissingSourceDirError } from "../archive-errors";
import { sourceDirSegments } from "../archive-entry-name";
import { DEFAULT_ARCHIVE_LIMITS } from "../archive-limits";
import type { ArchiveLimits } from "../archive-limits";
import type { WriteBuildFile } from "../build-provider";
import { REUPLOAD, ZipEntryReader } from "./zip-entry-reader";

export interface ExtractZipOptions {
  /** The served folder inside the zip, as in source.artifact.path: `dist`; its root when absent. */
  path?: string;
  limits?: Partial<ArchiveLimits>;
  /** How messages name the zip: `the artifact "site"`. */
  archive: string;
  /** The commit the zip was built from, named in messages. */
  commit?: string;
}

export interface ExtractedZip {
  files: number;
  bytes: number;
  /** Paths relative to the served folder, in the zip's order. */
  paths: string[];
}

/**
 * Reads a zip (an Actions artifact) from a file and passes each file under `options.path` to
 * `write`, with its path relative to that folder. The zip is untrusted: entries that could
 * escape the folder, links and special files raise `UnsafeArchiveError`, sizes and counts over
 * the limits `ArchiveLimitError` (counted while inflating, never taken from the zip's headers),
 * unreadable bytes `CorruptArchiveError`, and a folder holding no file `MissingSourceDirError`.
 * Errors thrown by `write` propagate unchanged.
 *
 * yauzl reads the central directory — the zip's authority on its entries — and so needs the
 * whole zip at hand: a file, not a stream. As with tarballs, files before a refused entry have
 * been written already; the caller records the build only after success, so they are never served.
 */
export async function extractZip(file: string, options: ExtractZipOptions, write: WriteBuildFile): Promise<ExtractedZip> {
  const limits: ArchiveLimits = { ...DEFAULT_ARCHIVE_LIMITS, ...options.limits };
  const { archive } = options;
  const dir = sourceDirSegments(options.path ?? ".", { setting: "source.artifact.path", inside: "the artifact" });
  const corrupt = (error: unknown) => new CorruptArchiveError(error, { archive, advice: REUPLOAD });
  const zip = await openPromise(file, { autoClose: false, decodeStrings: false, validateEntrySizes: true }).catch((error: unknown) => {
    throw corrupt(error);
  });
  const reader = new ZipEntryReader(zip, dir, limits, archive, write);
  const entries = zip.eachEntry();
  try {
    for (let entry = await nextEntry(entries, corrupt); entry !== undefined; entry = await nextEntry(entries, corrupt)) {
      await reader.take(entry);
    }
  } finally {
    await entries.return?.();
    zip.close();
  }
  if (reader.files === 0) throw new MissingSourceDirError(options.path ?? ".", options.commit, archive);
  return { files: reader.files, bytes: reader.bytes, paths: [...reader.paths] };
}

/** The next entry of the central directory; a directory that cannot be read is a corrupt zip. */
async function nextEntry(entries: ReturnType<ZipFile["eachEntry"]>, corrupt: (error: unknown) => Error): Promise<Entry | undefined> {
  const next = await entries.next().catch((error: unknown) => {
    throw corrupt(error);
  });
  return next.done ? undefined : next.value;
}
