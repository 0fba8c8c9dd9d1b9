import type { Logger, Probot } from "probot";
import type { Env } from "../config/env";
import type { JobContext } from "../jobs/job-context";
import type { KeyRing } from "../secrets/key-ring";
import { installationOctokit } from "./github-app";
import type { Storage } from "./create-storage";

/** The worker's dependencies, built once per process and shared by every job. */
export function createJobContext(env: Env, storage: Storage, probot: Probot, log: Logger, keyRing: () => Promise<KeyRing>): JobContext {
  return {
    stores: storage.stores,
    blobs: storage.blobs,
    github: installationOctokit(probot),
    siteBaseUrl: env.SITE_BASE_URL,
    maxAttempts: env.SLIPWAY_MAX_ATTEMPTS,
    log,
    now: () => new Date(),
    keyRing,
  };
}
