import { createJsonLogger } from "./json-logger";
import { createSiteDeps } from "./create-site-deps";
import { createStorage, type Storage } from "./create-storage";
import { once } from "./once";
import { awsEnv } from "./aws-env";

export { once };

/*
 * The Lambda functions' shared dependencies, each built once per container on first use (see
 * `once`). Each function's own wiring sits in its own file (aws-webhook.ts, …) and the worker's
 * Probot in aws-probot.ts, so a function's bundle carries only what it runs: the site, sweeper
 * and public-key functions never load Probot.
 */

/** The environment, completed at cold start with the secrets the deployment keeps in SSM. */
export const env = awsEnv;
export const storage = once(async (): Promise<Storage> => createStorage(await env()));

/** The site server's parts: its lookups, and private-site access when SLIPWAY_SESSION_KEY is set. */
export const awsSiteDeps = once(async () => {
  const [config, { stores, blobs }] = await Promise.all([env(), storage()]);
  return createSiteDeps(config, { stores, blobs, log: createJsonLogger(config, "site") });
});
