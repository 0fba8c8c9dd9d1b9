import type { EnsuredBuild } from "./ensure-build";

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
  /** A newer request got there first: `currentSha` stays live. */
  superseded?(currentSha: string): Promise<void>;
}
