import { request } from "@octokit/request";

/** Octokit's request function: the slice of Octokit the site server's user-side calls need. */
export type GitHubRequest = typeof request;

/** How long the site server waits for GitHub before answering that it could not check. */
const USER_REQUEST_TIMEOUT_MS = 10_000;

/** GitHub's REST API root: github.com's, or GitHub Enterprise Server's `/api/v3` when GHE_HOST is set. */
export function githubApiUrl(env: { GHE_HOST?: string; GHE_PROTOCOL: "https" | "http" }): string {
  return env.GHE_HOST ? `${env.GHE_PROTOCOL}://${env.GHE_HOST}/api/v3` : "https://api.github.com";
}

const timedFetch: typeof fetch = (input, init) => {
  const timeout = AbortSignal.timeout(USER_REQUEST_TIMEOUT_MS);
  return fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout });
};

/**
 * The request function for calls made as a person (sign-in, their repository check), without
 * Probot: the site server's bundle stays small. GitHub's OAuth pages are found from `baseUrl`
 * (github.com, or the Enterprise Server host), and no call waits longer than ten seconds.
 */
export function userRequest(baseUrl: string): GitHubRequest {
  return request.defaults({
    baseUrl,
    headers: { "user-agent": "slipway-site" },
    request: { fetch: timedFetch },
  });
}
