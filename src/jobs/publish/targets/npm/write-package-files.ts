import { chmod, mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Readable } from "node:stream";
import { ArchiveLimitError, CorruptArchiveError, InvalidSourceDirError, MissingSourceDirError, UnsafeArchiveError } from "../../../../providers/archive-errors";
import { DEFAULT_ARCHIVE_LIMITS } from "../../../../providers/archive-limits";
import { extractSite } from "../../../../providers/static/extract-tarball";
import { TargetConfigError, TargetUnavailableError } from "../common/target-errors";

const MiB = 1024 * 1024;

/**
 * Writes the files under `dir` of a gzip'd tarball (a repository's archive, or an `npm pack`
 * output with its `package/` folder) into `root`, keeping each file's mode. The archive is
 * untrusted and read with the same rules as a site's: entries that could escape, links and
 * oversized content are refused. `what` names the archive in messages.
 */
export async function writePackageFiles(archive: Readable, { dir, root, what, key }: { dir: string; root: string; what: string; key: string }): Promise<number> {
  try {
    const { files } = await extractSite(
      archive,
      // A package may carry a bigger file than a site would; it is still read one file at a time.
      { dir, limits: { maxFileBytes: 64 * MiB, maxTotalBytes: DEFAULT_ARCHIVE_LIMITS.maxTotalBytes } },
      async (path, body, mode) => {
        const target = join(root, path);
        await mkdir(dirname(target), { recursive: true });
        await writeFile(target, body);
        // Git records a file as executable or not; npm packs the mode it finds on disk.
        await chmod(target, mode & 0o111 ? 0o755 : 0o644);
      },
    );
    return files;
  } catch (error) {
    if (error instanceof MissingSourceDirError || error instanceof InvalidSourceDirError) {
      throw new TargetConfigError(dir === "." ? `${what} holds no files.` : `the folder ${dir} does not exist in ${what}; set ${key} to the folder that holds the package's package.json.`);
    }
    if (error instanceof UnsafeArchiveError) throw new TargetConfigError(`${what} cannot be packed safely: ${error.message}`);
    if (error instanceof ArchiveLimitError) {
      throw new TargetConfigError(`${what} is larger than Slipway packs (the ${error.limit} limit, at ${JSON.stringify(error.entry)}); keep large files out of the package's folder.`);
    }
    if (error instanceof CorruptArchiveError) throw new TargetUnavailableError(`${what} could not be read (${error.message}); it will be downloaded again.`);
    throw error;
  }
}
