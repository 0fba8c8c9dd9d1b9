import type { Logger } from "probot";
import type { BlobStore } from "../blobs/blob-store";
import type { Octokit } from "../github/octokit";
import type { ArchiveLimits } from "../providers/archive-limits";
import type { Stores } from "../store/stores";

/** What deploying needs of the running job: its stores, blobs, GitHub and its own id. */
export interface DeployContext {
  stores: Stores;
  blobs: BlobStore;
  github(installationId: number): Promise<Octokit>;
  /** `<SITE_BASE_URL>`, without a trailing slash. */
  siteBaseUrl: string;
  /** `SITE_DOMAIN`, when every environment is served on its own origin. */
  siteDomain?: string;
  archiveLimits?: Partial<ArchiveLimits>;
  log: Logger;
  now(): Date;
  /** The running job: it holds the environment's claim and owns the Deployments it opens. */
  jobId: string;
  /** A build still running after this long is reported as in progress (default 3 s). */
  progressAfterMs?: number;
}
