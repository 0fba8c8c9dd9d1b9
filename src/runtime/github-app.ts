import { getPrivateKey } from "@probot/get-private-key";
import { Probot, ProbotOctokit } from "probot";
import type { Logger } from "probot";
import type { Env } from "../config/env";
import { githubBaseUrl } from "./github-base-url";
import type { Octokit } from "../github/octokit";
import { applyWriteBudget } from "../github/write-budget-hook";
import type { WriteBudgetStore } from "../store/stores";
import type { Redactor } from "../secrets/redactor";
import { redactRequestBodies } from "../secrets/redact-request-bodies";
import { secretRedactor } from "../secrets/secret-redactor";
import { createJsonLogger } from "./json-logger";

/** Raised when the app's credentials are missing where GitHub must be called. */
export class MissingCredentialsError extends Error {
  override name = "MissingCredentialsError";
}

/** How many times one request is retried after a rate limit before the job fails (and is retried itself). */
const RATE_LIMIT_RETRIES = 2;
/**
 * Retries of a request that failed with a 5xx or a network error. Few, because retries nest
 * (a request's installation token request retries too) and the job itself is retried.
 */
const SERVER_ERROR_RETRIES = 2;
/** A GitHub request that has not answered by then is abandoned (and retried) instead of hanging the job. */
const REQUEST_TIMEOUT_MS = 30_000;

/** `fetch` that gives up after {@link REQUEST_TIMEOUT_MS}, on top of any signal the caller passes. */
const fetchWithTimeout: typeof fetch = (input, init) => {
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  return fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout });
};

interface ThrottledRequest {
  method: string;
  url: string;
  request: { retryCount: number };
}
type OctokitWithLog = { log: { warn(message: string): void } };

/**
 * Probot's Octokit with rate limits respected: after a primary or a secondary rate limit the
 * request waits the time GitHub asks (`retry-after` / the quota reset) and is retried, up to
 * twice. Probot's own defaults give up on secondary limits at once; 5xx answers and network
 * errors are retried by the retry plugin with growing delays, and no request waits forever.
 */
export const SlipwayOctokit = ProbotOctokit.defaults((options: Record<string, unknown>) => {
  const retryWithin = (kind: string) => (retryAfter: number, request: ThrottledRequest, octokit: OctokitWithLog) => {
    const retry = request.request.retryCount < RATE_LIMIT_RETRIES;
    octokit.log.warn(`${kind} rate limit on ${request.method} ${request.url}; ${retry ? `retrying in ${retryAfter} s` : "giving up"}`);
    return retry;
  };
  return {
    ...options,
    request: { ...(options.request as Record<string, unknown> | undefined), fetch: fetchWithTimeout },
    retry: { retries: SERVER_ERROR_RETRIES, ...(options.retry as Record<string, unknown> | undefined) },
    throttle: {
      ...(options.throttle as Record<string, unknown> | undefined),
      onRateLimit: retryWithin("Primary"),
      onSecondaryRateLimit: retryWithin("Secondary"),
    },
  };
});

/**
 * `SlipwayOctokit` for clients under the per-installation write budget
 * (`installationOctokitWithBudget`): Probot's throttling, which spaces every write of the process
 * a second apart and knows nothing of other workers, is off; rate-limit answers go to the budget,
 * which pauses the installation for every worker. The retry plugin still retries 5xx answers and
 * network errors, but no longer a 429 (it would repeat the request without waiting for GitHub).
 */
export const WriteBudgetOctokit = SlipwayOctokit.defaults((options: Record<string, unknown>) => ({
  ...options,
  throttle: { ...(options.throttle as Record<string, unknown> | undefined), enabled: false },
  retry: { doNotRetry: [400, 401, 403, 404, 422, 429, 451], ...(options.retry as Record<string, unknown> | undefined) },
}));

export { githubBaseUrl } from "./github-base-url";

/** The app's private key from PRIVATE_KEY (PEM, escaped or base64) or PRIVATE_KEY_PATH. */
export function readPrivateKey(env: Pick<Env, "PRIVATE_KEY" | "PRIVATE_KEY_PATH">): string | undefined {
  const key = getPrivateKey({ env: { PRIVATE_KEY: env.PRIVATE_KEY, PRIVATE_KEY_PATH: env.PRIVATE_KEY_PATH } });
  return key ?? undefined;
}

/**
 * The Probot instance of the app: verifies webhooks with WEBHOOK_SECRET and authenticates as
 * an installation for jobs. `Octokit` is swappable so tests can turn throttling off. Opened
 * secrets are masked in its log lines and in the body of every request it sends GitHub,
 * whichever Octokit it is given.
 */
export function createProbot(env: Env, options: { log?: Logger; Octokit?: typeof ProbotOctokit; redactor?: Redactor } = {}): Probot {
  const privateKey = readPrivateKey(env);
  if (!env.APP_ID || !privateKey) {
    throw new MissingCredentialsError("APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH) must be set: register the GitHub App from app.yml (see README) and set them.");
  }
  const redactor = options.redactor ?? secretRedactor;
  return new Probot({
    appId: env.APP_ID,
    privateKey,
    secret: requireWebhookSecret(env),
    baseUrl: githubBaseUrl(env),
    log: options.log ?? createJsonLogger(env, "slipway", { redactor }),
    Octokit: (options.Octokit ?? SlipwayOctokit).plugin(redactRequestBodies(redactor)),
  });
}

/** WEBHOOK_SECRET, which every Probot of the app is given; throws {@link MissingCredentialsError} naming it when unset. */
export function requireWebhookSecret(env: Pick<Env, "WEBHOOK_SECRET">): string {
  if (!env.WEBHOOK_SECRET) {
    throw new MissingCredentialsError("WEBHOOK_SECRET must be set to the webhook secret of the GitHub App, so deliveries can be verified.");
  }
  return env.WEBHOOK_SECRET;
}

/** Installation-authenticated Octokit for jobs; the auth strategy caches installation tokens. */
export function installationOctokit(probot: Probot): (installationId: number) => Promise<Octokit> {
  return (installationId) => probot.auth(installationId);
}

/**
 * Installation-authenticated Octokit for jobs, each client under its installation's write budget
 * (see `applyWriteBudget`): writes go at once while the budget has room, wait up to `maxWaitMs`,
 * and otherwise throw `WriteBudgetDeferredError` for the worker to put the job back on the queue.
 * Build the Probot with `Octokit: WriteBudgetOctokit`, so Probot's own throttling does not space
 * the writes a second time.
 */
export function installationOctokitWithBudget(
  probot: Probot,
  budget: WriteBudgetStore,
  settings: { maxWaitMs: number },
): (installationId: number) => Promise<Octokit> {
  const log = probot.log.child({ name: "write-budget" });
  return async (installationId) => {
    const octokit = await probot.auth(installationId);
    applyWriteBudget(octokit, { installationId, store: budget, maxWaitMs: settings.maxWaitMs, log });
    return octokit;
  };
}
