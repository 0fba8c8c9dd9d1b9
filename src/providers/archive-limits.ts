/** Bounds on what one archive may hold, so a hostile repository cannot exhaust memory, disk or time. */
export interface ArchiveLimits {
  /** Files under the source folder. */
  maxFiles: number;
  /** Bytes of any one file under the source folder (each file is held in memory once). */
  maxFileBytes: number;
  /** Bytes of all files under the source folder together. */
  maxTotalBytes: number;
  /**
   * Bytes decompressed from the whole archive, including what lies outside the source folder
   * and is skipped: a few kilobytes of gzip can inflate to gigabytes.
   */
  maxArchiveBytes: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxFiles: 10_000,
  maxFileBytes: 25 * MiB,
  maxTotalBytes: 200 * MiB,
  maxArchiveBytes: 512 * MiB,
};

/** Sizes as people read them in a PR comment: `25 MiB`, `1.5 MiB`, `812 bytes`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < MiB) return `${Number((bytes / 1024).toFixed(1))} KiB`;
  return `${Number((bytes / MiB).toFixed(1))} MiB`;
}
