import type { Logger } from "probot";
import type { Octokit } from "../github/octokit";
import type { BlobStore } from "../blobs/blob-store";
import type { KeyRing } from "../secrets/key-ring";
import type { Stores } from "../store/stores";
import type { ArchiveLimits } from "../providers/archive-limits";
import type { JobPayload } from "../model/job-record";
import type { JobRegistry } from "./job-registry";

/** Everything a job may use: built once per worker, shared by every job it runs. */
export interface WorkerContext {
  stores: Stores;
  blobs: BlobStore;
  /** Authenticates as the app's installation; tokens are cached by the auth strategy. */
  github(installationId: number): Promise<Octokit>;
  /** `<SITE_BASE_URL>`, without a trailing slash. */
  siteBaseUrl: string;
  /** `SITE_DOMAIN`, when every environment is served on its own origin. */
  siteDomain?: string;
  /** Receives after which a failing job is reported as failed and left to the dead-letter queue. */
  maxAttempts: number;
  /** A build still running after this long is reported as in progress (default 3 s; tests set it). */
  progressAfterMs?: number;
  /** How often at most a propagation campaign's check run is updated, in seconds (default 30). */
  campaignReportSeconds?: number;
  /** Overrides of the archive limits (tests use small ones). */
  archiveLimits?: Partial<ArchiveLimits>;
  log: Logger;
  now(): Date;
  /**
   * The sealing keys that open `secrets:` (see `openSecrets`), loaded on first use, so a worker
   * whose jobs open no secrets never needs them.
   */
  keyRing(): Promise<KeyRing>;
  /** The job kinds this worker runs. */
  kinds: JobRegistry;
  /**
   * Queues more jobs (fan-out: a release's targets, a design system's consumers), recorded
   * and de-duplicated by their identity exactly as the webhook's are.
   */
  submit(jobs: readonly JobPayload[]): Promise<void>;
}

/** What one running job is handed: the worker's parts and its own id (claims and records name it). */
export interface JobContext extends WorkerContext {
  jobId: string;
}

/** How a job ended, recorded on its record. */
export interface JobOutcome {
  state: "succeeded" | "failed" | "superseded";
  result: string;
}
