import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { FolderBlobStore } from "../../src/blobs/folder-blob-store";
import type { JobContext } from "../../src/jobs/job-context";
import type { Octokit } from "../../src/github/octokit";
import { KeyRing } from "../../src/secrets/key-ring";
import type { Stores } from "../../src/store/stores";
import { JOB_KINDS } from "../../src/job-kinds";
import { submitJobs } from "../../src/jobs/submit-jobs";
import { TestOctokit } from "./test-probot";

export const SITE_BASE_URL = "http://127.0.0.1:9/sites";

/** Blob folders made for this test file's contexts, removed once its tests have run. */
const blobFolders: string[] = [];
afterAll(async () => {
  await Promise.all(blobFolders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});
/** One key ring of a fresh key for every test context of a file. */
const testKeyRing = KeyRing.fromSecretKeys([new Uint8Array(randomBytes(32))]);

/**
 * A worker context on real stores and a temporary blob folder (removed after the test file).
 * GitHub is reached through a real Octokit (retries and throttling off) whose requests nock
 * answers.
 */
export async function testJobContext(stores: Stores, overrides: Partial<JobContext> = {}): Promise<JobContext> {
  const folder = await mkdtemp(join(tmpdir(), "slipway-blobs-"));
  blobFolders.push(folder);
  const blobs = new FolderBlobStore(folder);
  return {
    stores,
    blobs,
    github: async () => new TestOctokit({ auth: { token: "ghs_testinstallationtoken" } }) as Octokit,
    siteBaseUrl: SITE_BASE_URL,
    maxAttempts: 3,
    log: pino({ level: "silent" }),
    now: () => new Date(),
    jobId: "test-job",
    kinds: JOB_KINDS,
    // Fanned-out jobs are recorded; nothing runs them unless a test does.
    submit: async (jobs) => {
      await submitJobs({ jobs: stores.jobs, queue: { send: async () => undefined }, kinds: JOB_KINDS }, jobs, new Date());
    },
    keyRing: () => testKeyRing,
    ...overrides,
  };
}

/** The context with its installation logins counted, so "no GitHub call" also covers authenticating. */
export function countingLogins(base: JobContext): { ctx: JobContext; logins(): number } {
  let logins = 0;
  return {
    ctx: {
      ...base,
      github: (installationId) => {
        logins += 1;
        return base.github(installationId);
      },
    },
    logins: () => logins,
  };
}
