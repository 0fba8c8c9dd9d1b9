import { randomBytes } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { FolderBlobStore } from "../../src/blobs/folder-blob-store";
import type { InstallationOctokit, JobContext } from "../../src/jobs/job-context";
import { KeyRing } from "../../src/secrets/key-ring";
import type { Stores } from "../../src/store/stores";
import { TestOctokit } from "./test-probot";

export const SITE_BASE_URL = "http://127.0.0.1:9/sites";

/** One key ring of a fresh key for every test context of a file. */
const testKeyRing = KeyRing.fromSecretKeys([new Uint8Array(randomBytes(32))]);

/**
 * A worker context on real stores and a temporary blob folder. GitHub is reached through a
 * real Octokit (retries and throttling off) whose requests nock answers.
 */
export async function testJobContext(stores: Stores, overrides: Partial<JobContext> = {}): Promise<JobContext> {
  const blobs = new FolderBlobStore(await mkdtemp(join(tmpdir(), "slipway-blobs-")));
  return {
    stores,
    blobs,
    github: async () => new TestOctokit({ auth: { token: "ghs_testinstallationtoken" } }) as InstallationOctokit,
    siteBaseUrl: SITE_BASE_URL,
    maxAttempts: 3,
    log: pino({ level: "silent" }),
    now: () => new Date(),
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
