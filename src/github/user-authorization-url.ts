import { getWebFlowAuthorizationUrl } from "@octokit/oauth-methods";
import type { GitHubRequest } from "./user-request";

/**
 * Where to send a person to sign in with the GitHub App (the OAuth web flow): GitHub's
 * authorize page for the app's client, with `state` and a PKCE challenge (S256), which
 * `@octokit/oauth-methods` does not add itself. Sign-up is not offered: a new account could
 * not read the repository anyway.
 */
export function userAuthorizationUrl(
  request: GitHubRequest,
  options: { clientId: string; redirectUrl: string; state: string; codeChallenge: string },
): string {
  const { url } = getWebFlowAuthorizationUrl({
    clientType: "github-app",
    clientId: options.clientId,
    redirectUrl: options.redirectUrl,
    state: options.state,
    allowSignup: false,
    request,
  });
  const withPkce = new URL(url);
  withPkce.searchParams.set("code_challenge", options.codeChallenge);
  withPkce.searchParams.set("code_challenge_method", "S256");
  return withPkce.toString();
}
