/** Raised for a blob key or prefix that could name something outside the store. */
export class InvalidBlobKeyError extends Error {
  override name = "InvalidBlobKeyError";
}

/**
 * Why the `/`-separated path is unsafe, or undefined when it is fine. Empty, `.` and `..`
 * segments are refused outright rather than normalised, so one key always names one object in
 * every store, and a folder store can never be walked out of.
 */
function problemWith(path: string): string | undefined {
  if (path === "") return "it is empty";
  if (path.includes("\0")) return "it contains a NUL character";
  if (path.includes("\\")) return "it contains a backslash";
  if (path.startsWith("/")) return "it is absolute (starts with /)";
  for (const segment of path.split("/")) {
    if (segment === "") return "it has an empty segment (//, or a trailing /)";
    if (segment === "." || segment === "..") return `it has a "${segment}" segment`;
  }
  return undefined;
}

/** Throws {@link InvalidBlobKeyError} unless `key` is a relative, normalised `/`-separated path. */
export function assertValidBlobKey(key: string): void {
  const problem = problemWith(key);
  if (problem) {
    throw new InvalidBlobKeyError(`Blob key ${JSON.stringify(key)} is invalid: ${problem}. Build keys with buildFileKey() or logKey().`);
  }
}

/**
 * Throws {@link InvalidBlobKeyError} unless `prefix` is a folder: a valid key followed by `/`.
 * A partial name (`builds/o/r/abc` also matching `abcdef/`) or an empty prefix (everything)
 * is never what a caller deleting one build or one log folder means.
 */
export function assertValidBlobPrefix(prefix: string): void {
  const problem = prefix.endsWith("/") ? problemWith(prefix.slice(0, -1)) : "it does not end with /";
  if (problem) {
    throw new InvalidBlobKeyError(`Blob prefix ${JSON.stringify(prefix)} is invalid: ${problem}. Pass a folder prefix such as buildPrefix(owner, repo, buildKey).`);
  }
}
