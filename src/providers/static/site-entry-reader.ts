import type { Extract, Header } from "tar-stream";
import { ArchiveLimitError, UnsafeArchiveError } from "../archive-errors";
import { entryNameSegments } from "../archive-entry-name";
import { formatBytes } from "../archive-limits";
import type { ArchiveLimits } from "../archive-limits";

/** One entry as tar-stream yields it: its header and a stream of its bytes. */
type Source = Extract extends AsyncIterable<infer Entry> ? Entry : never;

/**
 * Receives each file of the site: `path` is relative to the source folder, already checked;
 * `mode` is the file's mode in the archive (0o644, or 0o755 for files committed executable).
 */
export type WriteSiteFile = (path: string, body: Buffer, mode: number) => Promise<void>;

const RENAME = "Rename or remove the entry in the repository, then push again.";
const GITHUB_ONLY = "Use the archive from GitHub's tarball endpoint, which never holds such an entry.";
const NO_LINKS = "Links are never served: replace it with a copy of the file it points to, then push again.";

/**
 * Takes the entries of one GitHub tarball in order, checks each, and hands the files under the
 * source folder to `write`, one at a time (so memory holds at most one file).
 *
 * Every entry's name is checked, even outside the source folder: a hostile name there still
 * means a hostile archive. Links outside the source folder are skipped rather than refused,
 * because they are never written or served, and repositories commonly hold a few.
 */
export class SiteEntryReader {
  /** The entry being read, for messages about limits crossed while decompressing. */
  currentEntry = "";
  /** Set when `write` itself failed: that is a storage problem, not a bad archive. */
  writeError: unknown;
  files = 0;
  bytes = 0;
  readonly paths = new Set<string>();
  private top: string | undefined;

  constructor(
    private readonly dir: string[],
    private readonly limits: ArchiveLimits,
    private readonly write: WriteSiteFile,
  ) {}

  async take(entry: Source): Promise<void> {
    const { header } = entry;
    this.currentEntry = header.name;
    const path = this.pathUnderDir(header);
    // Typed as the kinds tar-stream documents; at run time an unknown type flag arrives as null.
    const type: string | null = header.type;
    switch (type) {
      case "file":
      case "contiguous-file":
        if (path) return this.takeFile(entry, path);
        break;
      case "directory":
        break;
      // tar-stream folds these into the entry that follows; should one surface, it holds no file.
      case "pax-header":
      case "pax-global-header":
      case "gnu-long-path":
      case "gnu-long-link-path":
        break;
      case "symlink":
      case "link":
        if (path !== undefined) throw new UnsafeArchiveError(header.name, `it is a ${type === "link" ? "hard" : "symbolic"} link`, NO_LINKS);
        break;
      default:
        throw new UnsafeArchiveError(header.name, `it is a ${type ?? "unknown"} entry, which no Git repository holds`, RENAME);
    }
    entry.resume();
  }

  /** The path relative to the source folder ("" for the folder itself), or undefined outside it. */
  private pathUnderDir(header: Header): string | undefined {
    const [top, ...rest] = entryNameSegments(header.name);
    if (rest.length === 0 && header.type !== "directory") {
      throw new UnsafeArchiveError(header.name, "it sits at the top level of the archive instead of inside its one folder", GITHUB_ONLY);
    }
    this.top ??= top;
    if (top !== this.top) {
      throw new UnsafeArchiveError(header.name, `it lies outside the archive's one top-level folder "${this.top}"`, GITHUB_ONLY);
    }
    if (rest.length < this.dir.length || this.dir.some((segment, i) => rest[i] !== segment)) return undefined;
    return rest.slice(this.dir.length).join("/");
  }

  private async takeFile(entry: Source, path: string): Promise<void> {
    const { name } = entry.header;
    const size = entry.header.size ?? 0;
    const { maxFiles, maxFileBytes, maxTotalBytes } = this.limits;
    const where = this.dir.length === 0 ? "the repository" : `the folder \`${this.dir.join("/")}\``;
    if (this.files >= maxFiles) {
      throw new ArchiveLimitError("maxFiles", name, `${capitalise(where)} holds more than ${maxFiles} files, the limit (maxFiles); refused at ${JSON.stringify(name)}. Point preview.source.dir in .github/slipway.yml at the folder with just the built site.`);
    }
    if (size > maxFileBytes) {
      throw new ArchiveLimitError("maxFileBytes", name, `The file ${JSON.stringify(name)} is ${size.toLocaleString("en-US")} bytes, over the limit of ${formatBytes(maxFileBytes)} per file (maxFileBytes). Keep large files such as videos and archives out of ${where}, or host them elsewhere.`);
    }
    if (this.bytes + size > maxTotalBytes) {
      throw new ArchiveLimitError("maxTotalBytes", name, `The files in ${where} add up to more than ${formatBytes(maxTotalBytes)}, the limit (maxTotalBytes), at ${JSON.stringify(name)}. Remove large files from ${where} or serve a smaller folder.`);
    }
    // tar-stream yields exactly `size` bytes, so the checks above bound what is read here.
    const chunks: Buffer[] = [];
    for await (const chunk of entry) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    this.files += 1;
    this.bytes += body.length;
    this.paths.add(path);
    try {
      await this.write(path, body, entry.header.mode ?? 0o644);
    } catch (error) {
      this.writeError = error;
      throw error;
    }
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
