import type { Logger, Probot } from "probot";
import type { Env } from "../config/env";
import { JOB_KINDS } from "../job-kinds";
import type { WorkerContext } from "../jobs/job-context";
import { submitJobs } from "../jobs/submit-jobs";
import type { JobQueue } from "../queue/job-queue";
import type { KeyRing } from "../secrets/key-ring";
import { writeBudgetSettings } from "../config/write-budget-settings";
import { installationOctokitWithBudget } from "./github-app";
import type { Storage } from "./create-storage";

/**
 * The worker's dependencies, built once per process and shared by every job. The queue is
 * asked for when a job submits more jobs: the in-process queue is built after the worker.
 */
export function createWorkerContext(env: Env, storage: Storage, probot: Probot, log: Logger, queue: () => JobQueue, keyRing: () => Promise<KeyRing>): WorkerContext {
  return {
    stores: storage.stores,
    blobs: storage.blobs,
    github: installationOctokitWithBudget(probot, storage.stores.writeBudget, writeBudgetSettings(env)),
    siteBaseUrl: env.SITE_BASE_URL,
    siteDomain: env.SITE_DOMAIN,
    maxAttempts: env.SLIPWAY_MAX_ATTEMPTS,
    campaignReportSeconds: env.SLIPWAY_CAMPAIGN_REPORT_SECONDS,
    log,
    now: () => new Date(),
    kinds: JOB_KINDS,
    keyRing,
    submit: async (jobs) => {
      await submitJobs({ jobs: storage.stores.jobs, queue: queue(), kinds: JOB_KINDS }, jobs, new Date());
    },
  };
}
