import { createStorage, type Storage } from "./create-storage";
import { once } from "./once";
import { awsEnv } from "./aws-env";

export { once };

/*
 * The Lambda functions' shared dependencies, each built once per container on first use (see
 * `once`). Each function's own wiring sits in its own file (aws-webhook.ts, …) and Probot in
 * aws-probot.ts, so a function's bundle carries only what it runs: the site, sweeper and
 * public-key functions never load Probot.
 */

/** The environment, completed at cold start with the secrets the deployment keeps in SSM. */
export const env = awsEnv;
export const storage = once(async (): Promise<Storage> => createStorage(await env()));

/** The site server's lookups. */
export const awsSiteDeps = once(async () => {
  const { stores, blobs } = await storage();
  return { environments: stores.environments, blobs, siteBasePath: new URL((await env()).SITE_BASE_URL).pathname };
});
