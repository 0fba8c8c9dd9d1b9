import { UserFacingError } from "../util/user-facing-error";
import type { ArchiveLimits } from "./archive-limits";

/** An entry of the archive could escape the site's folder or is a kind Slipway never serves. */
export class UnsafeArchiveError extends UserFacingError {
  override name = "UnsafeArchiveError";
  constructor(
    /** The entry's name as it appears in the archive. */
    readonly entry: string,
    reason: string,
    advice: string,
  ) {
    super(`The archive entry ${JSON.stringify(entry)} was refused: ${reason}. ${advice}`);
  }
}

/** The archive is larger than a limit allows; names the limit and the entry that crossed it. */
export class ArchiveLimitError extends UserFacingError {
  override name = "ArchiveLimitError";
  constructor(
    readonly limit: keyof ArchiveLimits,
    readonly entry: string,
    message: string,
  ) {
    super(message);
  }
}

/** The configured source folder holds no file at this commit. */
export class MissingSourceDirError extends UserFacingError {
  override name = "MissingSourceDirError";
  constructor(readonly dir: string, commit: string | undefined) {
    const at = commit ? `at commit ${commit.slice(0, 7)}` : "in the repository's archive";
    super(
      dir === "."
        ? `The repository has no files ${at}. Commit your site's files (with an index.html), then push again.`
        : `The folder \`${dir}\` does not exist ${at}. Set preview.source.dir in .github/slipway.yml to the folder that holds your site's index.html.`,
    );
  }
}

/** The configured source folder is not a plain relative path inside the repository. */
export class InvalidSourceDirError extends UserFacingError {
  override name = "InvalidSourceDirError";
  constructor(readonly dir: string) {
    super(
      `The source folder ${JSON.stringify(dir)} is not a folder inside the repository. Set preview.source.dir in .github/slipway.yml to a relative path such as \`public\` or \`.\`, without ".." or backslashes.`,
    );
  }
}

/** The download is not a readable gzip'd tar (truncated, or not an archive at all). */
export class CorruptArchiveError extends UserFacingError {
  override name = "CorruptArchiveError";
  constructor(cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super(`The repository archive could not be read (${detail}). The download may have been cut short: retry the deployment.`, { cause });
  }
}
