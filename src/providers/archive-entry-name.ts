import { InvalidSourceDirError, UnsafeArchiveError } from "./archive-errors";

const RENAME = "Rename or remove the entry in the repository, then push again.";

/**
 * Splits a tar entry's name into its segments, refusing any name that could resolve somewhere
 * other than where it appears to be. Nothing is normalised: a name that needs normalising is
 * not one `git archive` produces, so it is hostile or broken either way.
 */
export function entryNameSegments(name: string): string[] {
  if (name === "") throw new UnsafeArchiveError(name, "it has no name", RENAME);
  if (name.includes("\0")) throw new UnsafeArchiveError(name, "its name contains a NUL character", RENAME);
  if (name.includes("\\")) throw new UnsafeArchiveError(name, "its name contains a backslash", RENAME);
  if (name.startsWith("/")) throw new UnsafeArchiveError(name, "its path is absolute", RENAME);
  // A trailing slash marks a directory; it is the only empty segment allowed.
  const segments = (name.endsWith("/") ? name.slice(0, -1) : name).split("/");
  for (const segment of segments) {
    if (segment === "..") throw new UnsafeArchiveError(name, 'its path has a ".." segment that points outside the archive\'s folder', RENAME);
    if (segment === ".") throw new UnsafeArchiveError(name, 'its path has a "." segment', RENAME);
    if (segment === "") throw new UnsafeArchiveError(name, "its path has an empty segment (//)", RENAME);
  }
  return segments;
}

/**
 * The configured source folder as segments (`[]` for the whole repository). The folder comes
 * from the repository's own config, so it is checked like an entry name.
 */
export function sourceDirSegments(dir: string): string[] {
  const trimmed = dir.replace(/^(\.\/)+/, "").replace(/\/+$/, "");
  if (trimmed === "" || trimmed === ".") return [];
  try {
    return entryNameSegments(trimmed);
  } catch {
    throw new InvalidSourceDirError(dir);
  }
}
