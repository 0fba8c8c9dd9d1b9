import { createAppAuth } from "@octokit/auth-app";
import { Octokit } from "@octokit/core";
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

export interface AppCredentials {
  appId: number | undefined;
  /** The app's private key, PEM. */
  privateKey: string | undefined;
  /** The REST API root on GitHub Enterprise Server (`https://<host>/api/v3`); github.com when unset. */
  baseUrl?: string;
}

/**
 * A client authenticated as the GitHub App itself (a JWT signed with its private key), for the
 * app's own endpoints: the sweeper lists and redelivers the app's webhook deliveries with it.
 * Built from `@octokit/core` and `@octokit/auth-app` alone, without Probot or its helpers, so
 * the sweeper's bundle stays small; the caller hands it the credentials it loaded.
 */
export function createAppOctokit(credentials: AppCredentials): AppOctokit {
  const { appId, privateKey, baseUrl } = credentials;
  if (!appId || !privateKey) {
    throw new AppCredentialsError("The GitHub App's id and private key are needed to reconcile webhook deliveries; set APP_ID and the app's private key.");
  }
  return new Octokit({
    authStrategy: createAppAuth,
    auth: { appId, privateKey },
    request: { fetch: fetchWithTimeout },
    ...(baseUrl ? { baseUrl } : {}),
  });
}
