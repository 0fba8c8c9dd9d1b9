/** A stored object. */
export interface Blob {
  body: Buffer;
  contentType: string;
}

/**
 * Build files and logs. Keys are `/`-separated and never start with `/`; callers build them
 * with {@link buildFileKey} and friends, never from raw user input. Every implementation
 * refuses a key with an empty, `.` or `..` segment, a backslash or a NUL with
 * `InvalidBlobKeyError` (see `blob-key.ts`), so a bad key fails the same way everywhere.
 */
export interface BlobStore {
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /** Undefined when no object has this key. */
  get(key: string): Promise<Blob | undefined>;
  /**
   * Deletes every object under the prefix; returns how many. The prefix is a folder, ending in
   * `/` (as {@link buildPrefix} makes it): a partial name or an empty prefix is refused.
   */
  deletePrefix(prefix: string): Promise<number>;
}

/** Prefix of one build's files. */
export function buildPrefix(owner: string, repo: string, buildKey: string): string {
  return `builds/${owner.toLowerCase()}/${repo.toLowerCase()}/${buildKey}/`;
}

/** Key of one file of a build; `path` is relative, already confined by the archive reader. */
export function buildFileKey(owner: string, repo: string, buildKey: string, path: string): string {
  return `${buildPrefix(owner, repo, buildKey)}${path}`;
}

/** Key of a job's full log. */
export function logKey(repoId: number, environment: string, sha: string): string {
  return `logs/${repoId}/${environment}/${sha}.txt`;
}
