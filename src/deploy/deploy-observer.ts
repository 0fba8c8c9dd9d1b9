import type { EnsuredBuild } from "./ensure-build";

/** The build's source is not ready: the workflow that uploads its artifact has not succeeded at the commit yet. */
export interface WaitingForBuild {
  /** The workflow's file name: `build.yml`. */
  workflow: string;
  /** The run being waited for, when one is known. */
  runUrl?: string;
  /** What it waits for, in a sentence. */
  reason: string;
}

/**
 * What differs between callers of the deploy pipeline (a preview's check run and sticky
 * comment; nothing, for a command that answers afterwards). Every method is optional.
 */
export interface DeployObserver {
  /** A build is about to be produced (not called when the build is stored). */
  building?(): Promise<void>;
  /** The environment now serves the build; GitHub has not been told yet. */
  pointed?(): Promise<void>;
  /** Where the Deployment's log can be read (its `log_url`): a check run, the asking comment. */
  logUrl?(): string | undefined;
  succeeded?(result: { url: string; build: EnsuredBuild }): Promise<void>;
  /** The commit could not be deployed (the source's fault); `reason` says why and what to do. */
  failed?(reason: string): Promise<void>;
  /** The source is not ready yet (its workflow has not succeeded at the commit): nothing moved. */
  waiting?(wait: WaitingForBuild): Promise<void>;
  /** A newer request got there first: `currentSha` stays live. */
  superseded?(currentSha: string): Promise<void>;
}
