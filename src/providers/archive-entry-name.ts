import { InvalidSourceDirError, UnsafeArchiveError } from "./archive-errors";
import type { SourceDirSetting } from "./archive-errors";

const RENAME = "Rename or remove the entry in the repository, then push again.";

/**
 * Splits an archive entry's name into its segments, refusing any name that could resolve
 * somewhere other than where it appears to be. Nothing is normalised: a name that needs
 * normalising is not one `git archive` or actions/upload-artifact produces, so it is hostile or
 * broken either way. `advice` ends the refusal: what the people on the pull request should do.
 */
export function entryNameSegments(name: string, advice = RENAME): string[] {
  if (name === "") throw new UnsafeArchiveError(name, "it has no name", advice);
  if (name.includes("\0")) throw new UnsafeArchiveError(name, "its name contains a NUL character", advice);
  if (name.includes("\\")) throw new UnsafeArchiveError(name, "its name contains a backslash", advice);
  if (name.startsWith("/")) throw new UnsafeArchiveError(name, "its path is absolute", advice);
  // `C:x` and `C:/x` name another drive wherever Windows tools unpack the archive.
  if (/^[A-Za-z]:/.test(name)) throw new UnsafeArchiveError(name, "its path starts with a drive letter", advice);
  // A trailing slash marks a directory; it is the only empty segment allowed.
  const segments = (name.endsWith("/") ? name.slice(0, -1) : name).split("/");
  for (const segment of segments) {
    if (segment === "..") throw new UnsafeArchiveError(name, 'its path has a ".." segment that points outside the archive\'s folder', advice);
    if (segment === ".") throw new UnsafeArchiveError(name, 'its path has a "." segment', advice);
    if (segment === "") throw new UnsafeArchiveError(name, "its path has an empty segment (//)", advice);
  }
  return segments;
}

/**
 * The configured source folder as segments (`[]` for the whole repository or artifact). The
 * folder comes from the repository's own config, so it is checked like an entry name.
 */
export function sourceDirSegments(dir: string, setting?: SourceDirSetting): string[] {
  const trimmed = dir.replace(/^(\.\/)+/, "").replace(/\/+$/, "");
  if (trimmed === "" || trimmed === ".") return [];
  try {
    return entryNameSegments(trimmed);
  } catch {
    throw new InvalidSourceDirError(dir, setting);
  }
}
