import { createAppAuth } from "@octokit/auth-app";
import { Octokit } from "@octokit/core";
import { getPrivateKey } from "@probot/get-private-key";
import type { Env } from "../config/env";
import type { AppOctokit } from "../github/app-octokit";

/** A request unanswered by then is abandoned, so a hung call cannot use up the sweeper's run. */
const REQUEST_TIMEOUT_MS = 20_000;

const fetchWithTimeout: typeof fetch = (input, init) => {
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  return fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout });
};

/** Raised when the app's credentials are missing where the app must call GitHub as itself. */
export class AppCredentialsError extends Error {
  override name = "AppCredentialsError";
}

/**
 * A client authenticated as the GitHub App itself (a JWT signed with its private key), for the
 * app's own endpoints: the sweeper lists and redelivers the app's webhook deliveries with it.
 * Built from `@octokit/core` and `@octokit/auth-app` alone, without Probot, so the sweeper's
 * bundle stays small.
 */
export function createAppOctokit(env: Pick<Env, "APP_ID" | "PRIVATE_KEY" | "PRIVATE_KEY_PATH" | "GHE_HOST" | "GHE_PROTOCOL">): AppOctokit {
  const privateKey = getPrivateKey({ env: { PRIVATE_KEY: env.PRIVATE_KEY, PRIVATE_KEY_PATH: env.PRIVATE_KEY_PATH } });
  if (!env.APP_ID || !privateKey) {
    throw new AppCredentialsError("APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH) must be set for the sweeper to reconcile webhook deliveries; set the GitHub App's credentials.");
  }
  return new Octokit({
    authStrategy: createAppAuth,
    auth: { appId: env.APP_ID, privateKey },
    request: { fetch: fetchWithTimeout },
    ...(env.GHE_HOST ? { baseUrl: `${env.GHE_PROTOCOL}://${env.GHE_HOST}/api/v3` } : {}),
  });
}
