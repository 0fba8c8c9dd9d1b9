import type { Octokit } from "../github/octokit";
import type { ArchiveLimits } from "./archive-limits";

/** A folder of the repository at the commit, as committed. */
export interface DirSource {
  dir: string;
  artifact?: undefined;
}

/** A GitHub Actions artifact: what a run of `workflow` uploaded as `name`, from its folder `path`. */
export interface ArtifactSource {
  artifact: {
    /** The workflow's file name in .github/workflows: `build.yml`. */
    workflow: string;
    name: string;
    /** Folder inside the artifact; the artifact's root when absent. */
    path?: string;
  };
  dir?: undefined;
}

/**
 * Where a build's files come from, as `.github/slipway.yml` names it (`source:`): exactly one
 * kind. Each kind leaves the other's key undefined, so `source.dir` and `source.artifact` can be
 * read on any source.
 */
export type BuildSource = DirSource | ArtifactSource;

/** What a provider is asked for: the files of one commit of one repository. */
export interface ProduceRequest {
  owner: string;
  repo: string;
  sha: string;
  source: BuildSource;
  /**
   * For an artifact source, the workflow run to take the artifact from (from the
   * `workflow_run` event that announced it). Without it, the newest successful run of the
   * workflow for `sha` is used.
   */
  workflowRunId?: number;
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
