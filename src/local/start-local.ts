import { once } from "node:events";
import type { AddressInfo } from "node:net";
import type { ProbotOctokit } from "probot";
import { slipwayApp } from "../app";
import type { Env } from "../config/env";
import { JOB_KINDS } from "../job-kinds";
import { createSiteDeps } from "../runtime/create-site-deps";
import { createWorkerContext } from "../runtime/create-worker-context";
import { createQueue } from "../runtime/create-queue";
import { createStorage, type Storage } from "../runtime/create-storage";
import { createProbot } from "../runtime/github-app";
import { startEmbeddedDynamo } from "../store/dynamo/embedded-dynamo";
import { serveSite } from "../site/serve-site";
import { sweep, type SweepResult } from "../sweeper/sweep";
import { probotReceive, receiveWebhook } from "../webhook/receive-webhook";
import { handleJobBatch } from "../worker/handle-job-batch";
import { createLocalServer } from "./http-server";
import { localSessionKey } from "./local-session-key";

export const WEBHOOK_PATH = "/api/github/webhooks";
const SWEEP_EVERY_MS = 60_000;

export interface LocalRuntime {
  /** `http://127.0.0.1:<port>` */
  url: string;
  storage: Storage;
  /** Resolves when every queued job has run (or been dead-lettered). */
  drain(): Promise<void>;
  sweepNow(): Promise<SweepResult>;
  close(): Promise<void>;
}

/**
 * Everything on one machine: the webhook endpoint and site server on one HTTP server, the
 * worker fed by the in-process queue, state in the embedded DynamoDB-compatible server, blobs
 * in a folder, and the sweeper on a timer. The parts are those the configuration names.
 */
export async function startLocalRuntime(env: Env, options: { Octokit?: typeof ProbotOctokit } = {}): Promise<LocalRuntime> {
  // Before anything is opened, so a bad key file leaves nothing running.
  const sessionSecret = env.SLIPWAY_SESSION_KEY ?? (await localSessionKey(env.SLIPWAY_DATA_DIR));
  const probot = createProbot(env, options);
  const log = probot.log;
  const storage = await createStorage(env, { startEmbeddedDynamo });
  const worker = createWorkerContext(env, storage, probot, log.child({ name: "worker" }), () => queue);
  const queue = createQueue(env, log.child({ name: "queue" }), (event) => handleJobBatch(worker, event));
  await probot.load(slipwayApp({ ...storage.stores, queue, kinds: JOB_KINDS }));

  const sweepDeps = { stores: storage.stores, queue, kinds: JOB_KINDS, maxAttempts: env.SLIPWAY_MAX_ATTEMPTS, log: log.child({ name: "sweeper" }) };
  const sweepNow = () => sweep({ ...sweepDeps, stuckAfterMs: env.SLIPWAY_STUCK_AFTER_MINUTES * 60_000 }, new Date());
  const siteDeps = createSiteDeps(env, { stores: storage.stores, blobs: storage.blobs, sessionSecret, log: log.child({ name: "site" }) });
  const server = createLocalServer({
    webhookPath: WEBHOOK_PATH,
    webhook: receiveWebhook(probotReceive(probot), log),
    sitePath: new URL(env.SITE_BASE_URL).pathname.replace(/\/+$/, ""),
    siteDomain: env.SITE_DOMAIN,
    site: (request) => serveSite(request, siteDeps),
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
    drain: async () => {
      if ("drain" in queue && typeof queue.drain === "function") await queue.drain();
    },
    sweepNow,
    async close() {
      clearInterval(sweeping);
      await queue.close?.();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await storage.close();
    },
  };
}
