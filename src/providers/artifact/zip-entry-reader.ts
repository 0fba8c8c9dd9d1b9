import { getFileNameLowLevel } from "yauzl";
import type { Entry, ZipFile } from "yauzl";
import { ArchiveLimitError, CorruptArchiveError, UnsafeArchiveError } from "../archive-errors";
import { entryNameSegments } from "../archive-entry-name";
import { formatBytes } from "../archive-limits";
import type { ArchiveLimits } from "../archive-limits";
import type { WriteBuildFile } from "../build-provider";

/** What to do about an entry no upload of a built site holds. */
export const REBUILD = "Leave it out of the folder the workflow gives actions/upload-artifact, then re-run the workflow.";
const NO_LINKS = "Links are never served: have the workflow copy the file the link points to instead, then re-run it.";
/** What to do about an artifact that cannot be read: upload it again. */
export const REUPLOAD = "Re-run the workflow to upload the artifact again, then deploy again.";

/** Unix file types, from the high 16 bits of a zip entry's external attributes. */
const S_IFMT = 0o170000;
const FILE_TYPES: Record<number, string> = {
  0o010000: "named pipe",
  0o020000: "character device",
  0o060000: "block device",
  0o140000: "socket",
};
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;

/**
 * Takes the entries of one artifact zip in order, checks each, and hands the files under the
 * configured folder to `write`, one at a time, so memory holds at most one file.
 *
 * Nothing the zip declares is trusted to bound the work: sizes are counted as the bytes inflate,
 * so a bomb is stopped within one chunk of crossing a limit. Entries outside the folder are
 * checked by name and kind but never inflated. Every entry counts towards `maxFiles`, so a zip
 * of millions of empty entries is refused as early as one of millions of files.
 */
export class ZipEntryReader {
  files = 0;
  bytes = 0;
  /** Bytes inflated from the whole zip. */
  inflated = 0;
  readonly paths = new Set<string>();
  private entries = 0;

  constructor(
    private readonly zip: ZipFile,
    /** The served folder inside the artifact, as segments (`[]` for its root). */
    private readonly dir: string[],
    private readonly limits: ArchiveLimits,
    /** How messages name the zip: `the artifact "site"`. */
    private readonly archive: string,
    private readonly write: WriteBuildFile,
  ) {}

  async take(entry: Entry): Promise<void> {
    // Decoded here rather than by yauzl, so backslashes stay as they are and every refusal is ours, naming the entry.
    const name = getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true);
    this.entries += 1;
    if (this.entries > this.limits.maxFiles) {
      throw new ArchiveLimitError(
        "maxFiles",
        name,
        `${capitalise(this.archive)} holds more than ${this.limits.maxFiles} entries, the limit (maxFiles); refused at ${JSON.stringify(name)}. Upload only the built site as the artifact.`,
      );
    }
    const segments = entryNameSegments(name, REBUILD);
    const type = (entry.externalFileAttributes >>> 16) & S_IFMT;
    if (type === S_IFLNK) throw new UnsafeArchiveError(name, "it is a symbolic link", NO_LINKS);
    const special = FILE_TYPES[type];
    if (special !== undefined) throw new UnsafeArchiveError(name, `it is a ${special}, which no built site holds`, REBUILD);
    if (type === S_IFDIR || name.endsWith("/")) return;
    const path = this.pathUnderDir(segments);
    if (path === undefined) return;
    if (entry.isEncrypted()) throw new UnsafeArchiveError(name, "it is encrypted", REBUILD);
    if (!entry.canDecodeFileData()) {
      throw new UnsafeArchiveError(name, `it is compressed with method ${entry.compressionMethod}, which Slipway does not read (only stored and deflated entries)`, REBUILD);
    }
    await this.takeFile(entry, name, path);
  }

  /** The path relative to the served folder, or undefined outside it (or for the folder itself). */
  private pathUnderDir(segments: string[]): string | undefined {
    if (segments.length <= this.dir.length || this.dir.some((segment, i) => segments[i] !== segment)) return undefined;
    return segments.slice(this.dir.length).join("/");
  }

  private async takeFile(entry: Entry, name: string, path: string): Promise<void> {
    const body = await this.inflate(entry, name);
    this.files += 1;
    this.bytes += body.length;
    this.paths.add(path);
    await this.write(path, body);
  }

  /** The entry's bytes, counted against every limit as they inflate. */
  private async inflate(entry: Entry, name: string): Promise<Buffer> {
    const corrupt = (error: unknown) => new CorruptArchiveError(error, { archive: this.archive, entry: name, advice: REUPLOAD });
    const stream = await this.zip.openReadStreamPromise(entry).catch((error: unknown) => {
      throw corrupt(error);
    });
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of stream) {
        const bytes = chunk as Buffer;
        size += bytes.length;
        this.inflated += bytes.length;
        this.checkLimits(name, size);
        chunks.push(bytes);
      }
    } catch (error) {
      stream.destroy();
      throw error instanceof ArchiveLimitError ? error : corrupt(error);
    }
    return Buffer.concat(chunks);
  }

  private checkLimits(name: string, size: number): void {
    const { maxFileBytes, maxTotalBytes, maxArchiveBytes } = this.limits;
    const entry = JSON.stringify(name);
    if (size > maxFileBytes) {
      throw new ArchiveLimitError(
        "maxFileBytes",
        name,
        `The file ${entry} in ${this.archive} unpacks to more than ${formatBytes(maxFileBytes)}, the limit per file (maxFileBytes); Slipway stopped reading it there. Keep large files such as videos out of the artifact, or host them elsewhere.`,
      );
    }
    if (this.bytes + size > maxTotalBytes) {
      const where = this.dir.length === 0 ? this.archive : `the folder \`${this.dir.join("/")}\` of ${this.archive}`;
      throw new ArchiveLimitError(
        "maxTotalBytes",
        name,
        `The files in ${where} unpack to more than ${formatBytes(maxTotalBytes)}, the limit (maxTotalBytes), at ${entry}. Upload a smaller site, or leave large files out of it.`,
      );
    }
    if (this.inflated > maxArchiveBytes) {
      throw new ArchiveLimitError(
        "maxArchiveBytes",
        name,
        `${capitalise(this.archive)} unpacks to more than ${formatBytes(maxArchiveBytes)}, the limit (maxArchiveBytes), at ${entry}. Slipway stops there to guard against compression bombs: upload only the built site.`,
      );
    }
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
