import type { Logger, Probot } from "probot";
import type { Env } from "../config/env";
import { JOB_KINDS } from "../job-kinds";
import type { WorkerContext } from "../jobs/job-context";
import { submitJobs } from "../jobs/submit-jobs";
import type { JobQueue } from "../queue/job-queue";
import { installationOctokit } from "./github-app";
import type { Storage } from "./create-storage";

/**
 * The worker's dependencies, built once per process and shared by every job. The queue is
 * asked for when a job submits more jobs: the in-process queue is built after the worker.
 */
export function createWorkerContext(env: Env, storage: Storage, probot: Probot, log: Logger, queue: () => JobQueue): WorkerContext {
  return {
    stores: storage.stores,
    blobs: storage.blobs,
    github: installationOctokit(probot),
    siteBaseUrl: env.SITE_BASE_URL,
    siteDomain: env.SITE_DOMAIN,
    maxAttempts: env.SLIPWAY_MAX_ATTEMPTS,
    log,
    now: () => new Date(),
    kinds: JOB_KINDS,
    submit: async (jobs) => {
      await submitJobs({ jobs: storage.stores.jobs, queue: queue(), kinds: JOB_KINDS }, jobs, new Date());
    },
  };
}
