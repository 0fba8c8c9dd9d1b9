import type { Octokit } from "../github/octokit";
import type { ArchiveLimits } from "./archive-limits";

/** Where a build's files come from, as `.github/slipway.yml` names it (`source:`). */
export interface BuildSource {
  /** A folder of the repository at the commit, as committed. */
  dir: string;
}

/** What a provider is asked for: the files of one commit of one repository. */
export interface ProduceRequest {
  owner: string;
  repo: string;
  sha: string;
  source: BuildSource;
}

/** Receives each file of the build, with a path already confined to the build. */
export type WriteBuildFile = (path: string, body: Buffer) => Promise<void>;

/** What the provider may use: GitHub for the installation, the archive limits, the job's log. */
export interface ProviderContext {
  octokit: Octokit;
  archiveLimits?: Partial<ArchiveLimits>;
  log(line: string): void;
}

/**
 * How one kind of source produces a build's files. The deploy pipeline stores what
 * `produce` writes under the build's own prefix and records the build only when it returns,
 * so a provider that fails half-way leaves nothing served.
 */
export interface BuildProvider {
  /** Identifies the source within a commit: the same commit from another source is another build. */
  sourceKey(source: BuildSource): string;
  /** Writes every file of the build; throws a `UserFacingError` when the source itself is at fault. */
  produce(ctx: ProviderContext, request: ProduceRequest, write: WriteBuildFile): Promise<{ files: number; bytes: number }>;
}
