import type { ProbotOctokit } from "probot";
import type { Logger } from "probot";
import type { BlobStore } from "../blobs/blob-store";
import type { KeyRing } from "../secrets/key-ring";
import type { Stores } from "../store/stores";
import type { ArchiveLimits } from "../build/archive-limits";

/** An installation-authenticated Octokit, as Probot builds it. */
export type InstallationOctokit = InstanceType<typeof ProbotOctokit>;

/** Everything a job may use: built once per worker, shared by every job it runs. */
export interface JobContext {
  stores: Stores;
  blobs: BlobStore;
  /** Authenticates as the app's installation; tokens are cached by the auth strategy. */
  github(installationId: number): Promise<InstallationOctokit>;
  /** `<SITE_BASE_URL>`, without a trailing slash. */
  siteBaseUrl: string;
  /** Receives after which a failing job is reported as failed and left to the dead-letter queue. */
  maxAttempts: number;
  /** Overrides of the archive limits (tests use small ones). */
  archiveLimits?: Partial<ArchiveLimits>;
  log: Logger;
  now(): Date;
  /**
   * The sealing keys that open `secrets:` (see `openSecrets`), loaded on first use, so a worker
   * whose jobs open no secrets never needs them.
   */
  keyRing(): Promise<KeyRing>;
}

/** How a job ended, recorded on its record. */
export interface JobOutcome {
  state: "succeeded" | "failed" | "superseded";
  result: string;
}
