import { existsSync } from "node:fs";
import type { Logger } from "pino";
import { parseEnv } from "../config/env";
import { readPrivateKey } from "../runtime/github-app";
import { localLogger } from "./local-logger";
import { startLocalRuntime } from "./start-local";
import { startRegistration } from "./start-registration";

/** How long a running job may take to finish after Ctrl-C before Slipway stops without it. */
const STOP_GRACE_MS = 3000;

/**
 * `npm start`. Without the app's credentials it shows Probot's registration page, which
 * creates the GitHub App from app.yml and writes the credentials to `.env`; with them it runs
 * everything locally.
 */
async function main(): Promise<void> {
  // Probot's registration flow writes the app's credentials to .env; variables already set win.
  if (existsSync(".env")) process.loadEnvFile(".env");
  const env = parseEnv();
  const log = localLogger(env);
  if (!env.APP_ID || !readPrivateKey(env)) {
    await startRegistration(env, log);
    return;
  }
  const runtime = await startLocalRuntime(env, { log });
  log.info(`Slipway is running: webhooks at ${runtime.url}/api/github/webhooks, sites at ${env.SITE_BASE_URL}/`);
  if (env.WEBHOOK_PROXY_URL) await forwardFromProxy(env.WEBHOOK_PROXY_URL, `${runtime.url}/api/github/webhooks`, log);

  let stopping = false;
  const stop = () => {
    // Ctrl-C reaches this process more than once (from the terminal, and relayed by npm and
    // tsx): the first one stops, within the grace period; the others change nothing.
    if (stopping) return;
    stopping = true;
    log.info(`Stopping: no new deliveries or jobs are taken; running jobs get ${STOP_GRACE_MS / 1000} s to finish.`);
    runtime.close({ graceMs: STOP_GRACE_MS }).then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, "Slipway did not stop cleanly");
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

/** Relays deliveries from a smee.io channel (WEBHOOK_PROXY_URL) to the local endpoint. */
async function forwardFromProxy(source: string, target: string, log: Logger): Promise<void> {
  const { default: SmeeClient } = await import("smee-client");
  await new SmeeClient({ source, target, logger: log.child({ name: "smee" }) }).start();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
