import { parseEnv, type Env } from "../config/env";
import { createStorage, type Storage } from "./create-storage";
import { createProbot } from "./github-app";
import { once } from "./once";

/**
 * The Lambda functions' shared dependencies. Each is built once per container, on first use
 * (see `once`). Each function's own wiring sits in its own file (aws-webhook.ts, …) so a
 * function's bundle carries only what it runs.
 */
export { once };

export const env = once(async (): Promise<Env> => parseEnv());
export const storage = once(async (): Promise<Storage> => createStorage(await env()));
export const probot = once(async () => createProbot(await env()));

/** The site server's lookups. */
export const awsSiteDeps = once(async () => {
  const { stores, blobs } = await storage();
  return { environments: stores.environments, blobs, siteBasePath: new URL((await env()).SITE_BASE_URL).pathname };
});
