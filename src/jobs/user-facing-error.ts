import { ArchiveLimitError, CorruptArchiveError, InvalidSourceDirError, MissingSourceDirError, UnsafeArchiveError } from "../providers/static/archive-errors";
import { ArchiveTooLargeError, RefNotFoundError } from "../github/download-tarball";
import { DeploymentRefusedError } from "../github/ensure-deployment";

/**
 * Failures that come from the repository's own content or settings: retrying cannot fix them,
 * and their messages (which name the entry, the limit or the folder, and what to do) are meant
 * for the pull request's author. Anything else is Slipway's or GitHub's trouble, retried.
 */
const USER_FACING = [
  UnsafeArchiveError,
  ArchiveLimitError,
  MissingSourceDirError,
  InvalidSourceDirError,
  CorruptArchiveError,
  ArchiveTooLargeError,
  RefNotFoundError,
  DeploymentRefusedError,
] as const;

export function isUserFacingError(error: unknown): error is Error {
  return USER_FACING.some((type) => error instanceof type);
}
