import { githubErrorStatus } from "./github-error";
import type { GitHubRequest } from "./user-request";

/** Raised when GitHub no longer accepts a person's token (revoked or expired): they must sign in again. */
export class UserTokenRejectedError extends Error {
  override name = "UserTokenRejectedError";
}

/**
 * Whether the person whose token this is can read the repository: `GET /repos/{owner}/{repo}`
 * answers 200 to those who can, and 404 to everyone else (GitHub never confirms that a private
 * repository exists). A 403 without a rate limit (an organisation's SAML enforcement, say)
 * counts as no access too. Rejects with {@link UserTokenRejectedError} on 401, and with
 * GitHub's error on anything else, so an outage never reads as "no access" or "access".
 */
export async function canReadRepository(request: GitHubRequest, token: string, repository: { owner: string; repo: string }): Promise<boolean> {
  try {
    await request("GET /repos/{owner}/{repo}", { owner: repository.owner, repo: repository.repo, headers: { authorization: `token ${token}` } });
    return true;
  } catch (error) {
    const status = githubErrorStatus(error);
    if (status === 404) return false;
    if (status === 401) throw new UserTokenRejectedError("GitHub no longer accepts this sign-in; sign in again.");
    if (status === 403 && !isRateLimited(error)) return false;
    throw error;
  }
}

function isRateLimited(error: unknown): boolean {
  const headers = typeof error === "object" && error !== null && "response" in error ? (error.response as { headers?: Record<string, string | undefined> } | undefined)?.headers : undefined;
  return headers?.["x-ratelimit-remaining"] === "0" || headers?.["retry-after"] !== undefined;
}
