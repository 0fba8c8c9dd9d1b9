import { once } from "node:events";
import type { AddressInfo } from "node:net";
import type { Logger, ProbotOctokit } from "probot";
import type { Env } from "../config/env";
import { JOB_SHAPES } from "../job-shapes";
import { createSiteDeps } from "../runtime/create-site-deps";
import { createWorkerContext } from "../runtime/create-worker-context";
import { createQueue } from "../runtime/create-queue";
import { createStorage, type Storage } from "../runtime/create-storage";
import { createAppOctokit } from "../runtime/app-octokit";
import { createProbot, githubBaseUrl, readPrivateKey, WriteBudgetOctokit } from "../runtime/github-app";
import { createWebhookEndpoint } from "../runtime/webhook-probot";
import { reconcileDeliveries } from "../sweeper/reconcile-deliveries";
import { startEmbeddedDynamo } from "../store/dynamo/embedded-dynamo";
import type { KeyRing } from "../secrets/key-ring";
import { loadKeyRing } from "../secrets/load-key-ring";
import { publicKeyResponse } from "../secrets/public-key-response";
import { serveSite } from "../site/serve-site";
import { sweep, type SweepResult } from "../sweeper/sweep";
import { handleJobBatch } from "../worker/handle-job-batch";
import { holdQueueWhile } from "./hold-queue-while";
import { createLocalServer } from "./http-server";
import { stopJobs } from "./stop-jobs";
import { WEBHOOK_PATH } from "./webhook-path";
import { localSessionKey } from "./local-session-key";

export { WEBHOOK_PATH };
const SWEEP_EVERY_MS = 60_000;

export interface LocalRuntime {
  /** `http://127.0.0.1:<port>` */
  url: string;
  storage: Storage;
  /** The sealing keys: SLIPWAY_SEALING_KEY, or `<SLIPWAY_DATA_DIR>/sealing-key`, created at first start. */
  keyRing: KeyRing;
  /** Resolves when every queued job has run (or been dead-lettered). */
  drain(): Promise<void>;
  sweepNow(): Promise<SweepResult>;
  /**
   * Stops taking deliveries and jobs, lets running jobs finish (within `graceMs` when given:
   * the unfinished ones run again at the next start) and closes the stores.
   */
  close(options?: { graceMs?: number }): Promise<void>;
}

/**
 * Everything on one machine: the webhook endpoint and site server on one HTTP server, the
 * worker fed by the in-process queue, state in the embedded DynamoDB-compatible server, blobs
 * in a folder, and the sweeper on a timer. The parts are those the configuration names.
 */
export async function startLocalRuntime(env: Env, options: { Octokit?: typeof ProbotOctokit; log?: Logger } = {}): Promise<LocalRuntime> {
  // Before anything is opened, so a bad key file leaves nothing running.
  const sessionSecret = env.SLIPWAY_SESSION_KEY ?? (await localSessionKey(env.SLIPWAY_DATA_DIR));
  // First, so a bad key file stops the start before anything else is opened.
  const keyRing = await loadKeyRing(env, { localKeyFile: true });
  // Writes are paced by each installation's budget (in the state table), not Probot's spacing.
  const probot = createProbot(env, { ...options, Octokit: options.Octokit ?? WriteBudgetOctokit });
  const log = probot.log;
  const storage = await createStorage(env, { startEmbeddedDynamo });
  const worker = createWorkerContext(env, storage, probot, log.child({ name: "worker" }), () => queue, async () => keyRing);
  const queue = createQueue(env, log.child({ name: "queue" }), (event) => handleJobBatch(worker, event, queue));
  // Deliveries are verified and recorded by a Probot of their own, which builds no GitHub client per delivery.
  const webhook = await createWebhookEndpoint(env, { ...storage.stores, queue, kinds: JOB_SHAPES }, { log });

  const sweepDeps = { stores: storage.stores, queue, kinds: JOB_SHAPES, maxAttempts: env.SLIPWAY_MAX_ATTEMPTS, log: log.child({ name: "sweeper" }) };
  // GitHub reaches this machine only through a webhook proxy: only then can deliveries be missed and redelivered.
  const app = env.WEBHOOK_PROXY_URL ? createAppOctokit({ appId: env.APP_ID, privateKey: readPrivateKey(env), baseUrl: githubBaseUrl(env) }) : undefined;
  const reconcile = app
    ? async () => reconcileDeliveries({ github: app, jobs: storage.stores.jobs, redeliveries: storage.stores.redeliveries, log: log.child({ name: "sweeper" }) }, new Date())
    : undefined;
  const sweepNow = () => sweep({ ...sweepDeps, stuckAfterMs: env.SLIPWAY_STUCK_AFTER_MINUTES * 60_000, reconcile }, new Date());
  const siteDeps = createSiteDeps(env, { stores: storage.stores, blobs: storage.blobs, sessionSecret, log: log.child({ name: "site" }) });
  const server = createLocalServer({
    webhookPath: WEBHOOK_PATH,
    webhook: holdQueueWhile(queue, webhook),
    sitePath: new URL(env.SITE_BASE_URL).pathname.replace(/\/+$/, ""),
    siteDomain: env.SITE_DOMAIN,
    site: (request) => serveSite(request, siteDeps),
    publicKey: (request) => publicKeyResponse(keyRing.sealingKey, request),
    log,
  });
  server.listen(env.PORT, "0.0.0.0");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;

  // The in-process queue does not survive a restart: at start nothing is running, so every
  // unfinished job of an earlier run is queued again now.
  await sweep({ ...sweepDeps, stuckAfterMs: 0 }, new Date());
  const sweeping = setInterval(() => void sweepNow().catch((error: unknown) => log.error({ err: error }, "sweep failed")), SWEEP_EVERY_MS);
  sweeping.unref();

  return {
    url: `http://127.0.0.1:${port}`,
    storage,
    keyRing,
    drain: async () => {
      if ("drain" in queue && typeof queue.drain === "function") await queue.drain();
    },
    sweepNow,
    async close(options = {}) {
      clearInterval(sweeping);
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await stopJobs(queue, storage.stores.jobs, log, options.graceMs);
      await stopped;
      await storage.close();
    },
  };
}
