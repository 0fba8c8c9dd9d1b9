import { parseEnv, type Env } from "../config/env";
import { createStorage, type Storage } from "./create-storage";
import { withSsmSecrets } from "./with-ssm-secrets";

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

/** The environment, completed at cold start with the secrets the deployment keeps in SSM. */
export const env = once(async (): Promise<Env> => parseEnv(await withSsmSecrets(process.env)));
export const storage = once(async (): Promise<Storage> => createStorage(await env()));

/** The site server's lookups. */
export const awsSiteDeps = once(async () => {
  const { stores, blobs } = await storage();
  return { environments: stores.environments, blobs, siteBasePath: new URL((await env()).SITE_BASE_URL).pathname };
});
