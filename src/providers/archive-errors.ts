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

/** The configured source folder holds no file (at this commit, or in this artifact). */
export class MissingSourceDirError extends UserFacingError {
  override name = "MissingSourceDirError";
  /**
   * @param artifact For an Actions artifact, how messages name it (`the artifact "site"`); the
   *   folder is then `source.artifact.path` rather than `preview.source.dir`.
   */
  constructor(readonly dir: string, commit: string | undefined, artifact?: string) {
    super(artifact === undefined ? repositoryMessage(dir, commit) : artifactMessage(dir, commit, artifact));
  }
}

function repositoryMessage(dir: string, commit: string | undefined): string {
  const at = commit ? `at commit ${commit.slice(0, 7)}` : "in the repository's archive";
  return dir === "."
    ? `The repository has no files ${at}. Commit your site's files (with an index.html), then push again.`
    : `The folder \`${dir}\` does not exist ${at}. Set preview.source.dir in .github/slipway.yml to the folder that holds your site's index.html.`;
}

function artifactMessage(dir: string, commit: string | undefined, artifact: string): string {
  const of = commit ? ` (commit ${commit.slice(0, 7)})` : "";
  return dir === "."
    ? `${capitalise(artifact)}${of} holds no files. Upload the built site with actions/upload-artifact, then re-run the workflow.`
    : `The folder \`${dir}\` does not exist in ${artifact}${of}. Set source.artifact.path in .github/slipway.yml to the artifact's folder that holds your site's index.html, or leave it out to serve the artifact's root.`;
}

/** The configured source folder is not a plain relative path inside the repository (or artifact). */
export class InvalidSourceDirError extends UserFacingError {
  override name = "InvalidSourceDirError";
  constructor(readonly dir: string, { setting = "preview.source.dir", inside = "the repository" }: SourceDirSetting = {}) {
    super(
      `The source folder ${JSON.stringify(dir)} is not a folder inside ${inside}. Set ${setting} in .github/slipway.yml to a relative path such as \`public\` or \`.\`, without ".." or backslashes.`,
    );
  }
}

/** Which setting names a source folder, and what it is a folder of: for messages. */
export interface SourceDirSetting {
  /** `preview.source.dir` (the default) or `source.artifact.path`. */
  setting?: string;
  /** `the repository` (the default) or `the artifact`. */
  inside?: string;
}

/** The download is not a readable archive (truncated, or not an archive at all). */
export class CorruptArchiveError extends UserFacingError {
  override name = "CorruptArchiveError";
  /**
   * @param archive How the message names the archive: `The repository archive` by default.
   * @param entry The entry being read when it failed, if any.
   * @param advice What to do; by default, retry (the download may have been cut short).
   */
  constructor(cause: unknown, { archive = "The repository archive", entry, advice = "The download may have been cut short: retry the deployment." }: { archive?: string; entry?: string; advice?: string } = {}) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    const at = entry === undefined ? "" : ` at the entry ${JSON.stringify(entry)}`;
    super(`${capitalise(archive)} could not be read${at} (${detail}). ${advice}`, { cause });
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
