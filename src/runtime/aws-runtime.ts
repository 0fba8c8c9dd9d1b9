import { parseEnv, type Env } from "../config/env";
import { createLogger } from "./create-logger";
import { createSiteDeps } from "./create-site-deps";
import { createStorage, type Storage } from "./create-storage";

/**
 * The Lambda functions' shared dependencies. Each is built once per container, on first use,
 * and the *promise* is cached so concurrent first invocations share one build and a reused
 * container never registers the app twice. Each function's own wiring sits in its own file
 * (aws-webhook.ts, …) and Probot in aws-probot.ts, so a function's bundle carries only what it
 * runs: the site and sweeper functions never load Probot.
 */
export function once<T>(build: () => Promise<T>): () => Promise<T> {
  let cached: Promise<T> | undefined;
  return () => {
    cached ??= build().catch((error: unknown) => {
      cached = undefined; // a failed start (a throttled SSM read, say) is retried next time
      throw error;
    });
    return cached;
  };
}

export const env = once(async (): Promise<Env> => parseEnv());
export const storage = once(async (): Promise<Storage> => createStorage(await env()));

/** The site server's parts: its lookups, and private-site access when SLIPWAY_SESSION_KEY is set. */
export const awsSiteDeps = once(async () => {
  const [config, { stores, blobs }] = await Promise.all([env(), storage()]);
  return createSiteDeps(config, { stores, blobs, log: createLogger(config, "site") });
});
