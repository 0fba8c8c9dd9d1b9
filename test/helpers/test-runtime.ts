import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseEnv } from "../../src/config/env";
import { startLocalRuntime, type LocalRuntime } from "../../src/local/start-local";
import { freePort } from "./free-port";
import { TestOctokit, testPrivateKey, TEST_APP_ID } from "./test-probot";
import { signedHeaders, WEBHOOK_SECRET } from "./webhook-fixtures";

/** The local runtime as `npm start` runs it, on a free port and a temporary data folder, for end-to-end tests. */
export interface TestRuntime {
  runtime: LocalRuntime;
  port: number;
  /** Its SLIPWAY_DATA_DIR, removed by `close`. */
  dataDir: string;
  /** Where the site server serves environments by path: `${siteBase}/<owner>/<repo>/<environment>/`. */
  siteBase: string;
  /** POSTs a delivery signed with the test webhook secret, as GitHub sends it. */
  deliver(event: string, body: string): Promise<Response>;
  /** Stops the runtime and removes its data folder. */
  close(): Promise<void>;
}

/**
 * Starts the local runtime (GitHub reached through the test Octokit, so nock answers it) with
 * the app's test credentials; `env` adds or overrides variables, given the port it listens on.
 */
export async function startTestRuntime(env: (port: number) => Record<string, string> = () => ({})): Promise<TestRuntime> {
  const dataDir = await mkdtemp(join(tmpdir(), "slipway-e2e-"));
  const port = await freePort();
  const siteBase = `http://127.0.0.1:${port}/sites`;
  const runtime = await startLocalRuntime(
    parseEnv({
      PORT: String(port),
      APP_ID: String(TEST_APP_ID),
      PRIVATE_KEY: testPrivateKey(),
      WEBHOOK_SECRET,
      SLIPWAY_DATA_DIR: dataDir,
      SITE_BASE_URL: siteBase,
      LOG_LEVEL: "fatal",
      ...env(port),
    }),
    { Octokit: TestOctokit },
  ).catch(async (error: unknown) => {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  });
  return {
    runtime,
    port,
    dataDir,
    siteBase,
    deliver: (event, body) => fetch(`${runtime.url}/api/github/webhooks`, { method: "POST", headers: signedHeaders(event, body), body }),
    async close() {
      await runtime.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
