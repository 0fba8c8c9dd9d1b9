import { exchangeWebFlowCode } from "@octokit/oauth-methods";
import type { GitHubRequest } from "./user-request";

export interface UserToken {
  token: string;
  /** When GitHub expires the token (apps with expiring user tokens, the default); undefined otherwise. */
  expiresAt?: string;
}

/**
 * Exchanges the code GitHub's authorize page returned for the person's token. The PKCE
 * verifier rides along as a request default: `@octokit/oauth-methods` sends every parameter
 * it is given in the token request's body. Rejects (Octokit's RequestError, status 400) when
 * GitHub refuses the code: used already, expired, or its verifier does not match.
 */
export async function exchangeUserCode(
  request: GitHubRequest,
  options: { clientId: string; clientSecret: string; code: string; redirectUrl: string; codeVerifier: string },
): Promise<UserToken> {
  const { authentication } = await exchangeWebFlowCode({
    clientType: "github-app",
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    code: options.code,
    redirectUrl: options.redirectUrl,
    request: request.defaults({ code_verifier: options.codeVerifier }),
  });
  return { token: authentication.token, expiresAt: "expiresAt" in authentication ? authentication.expiresAt : undefined };
}
