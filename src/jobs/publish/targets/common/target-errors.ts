/**
 * Failures of a publish target. Each message says what was wrong and what to do, and never
 * holds a secret (text a registry answered passes through `redactSecrets` first).
 * `retryable` tells the job whether trying again later can help.
 */
export abstract class TargetError extends Error {
  abstract readonly retryable: boolean;
}

/** The credentials were refused, or prove nothing (no user behind a token). */
export class TargetCredentialsError extends TargetError {
  override name = "TargetCredentialsError";
  readonly retryable = false;
}

/** The destination already holds something different for this version; it is never overwritten. */
export class TargetConflictError extends TargetError {
  override name = "TargetConflictError";
  readonly retryable = false;
}

/** The package's own version is not the release's version. */
export class TargetVersionMismatchError extends TargetError {
  override name = "TargetVersionMismatchError";
  readonly retryable = false;
}

/**
 * The target's config points at something that is not there: no asset matches its globs, the
 * formula does not exist, a secret it names was not given, a file name is not a package name.
 */
export class TargetConfigError extends TargetError {
  override name = "TargetConfigError";
  readonly retryable = false;
}

/** The destination refused what was sent for a reason retrying cannot fix (its answer is quoted). */
export class TargetRejectedError extends TargetError {
  override name = "TargetRejectedError";
  readonly retryable = false;
}

/** The destination could not be reached, timed out or failed on its side; a retry may succeed. */
export class TargetUnavailableError extends TargetError {
  override name = "TargetUnavailableError";
  readonly retryable = true;
}
