import type { BlobStore } from "../blobs/blob-store";
import type { Env } from "../config/env";
import { githubApiUrl, userRequest } from "../github/user-request";
import { deriveSessionKeys } from "../site/access/session-keys";
import type { SiteDeps } from "../site/site-deps";
import type { Stores } from "../store/stores";

/**
 * The site server's parts, for the local runtime and the site Lambda alike: the stores it
 * reads, where sites are served, and private-site access when a session secret is known
 * (`SLIPWAY_SESSION_KEY`, or the local key file), with sign-in when the GitHub App's OAuth
 * credentials are set. Nothing here loads Probot.
 */
export function createSiteDeps(env: Env, parts: { stores: Stores; blobs: BlobStore; sessionSecret?: string; log?: SiteDeps["log"] }): SiteDeps {
  const secret = env.SLIPWAY_SESSION_KEY ?? parts.sessionSecret;
  const { stores } = parts;
  return {
    environments: stores.environments,
    blobs: parts.blobs,
    siteHosts: stores.siteHosts,
    sites: { baseUrl: env.SITE_BASE_URL, domain: env.SITE_DOMAIN },
    access: secret
      ? {
          keys: deriveSessionKeys(secret),
          shareLinks: stores.shareLinks,
          handoffs: stores.handoffs,
          signIn:
            env.GITHUB_CLIENT_ID && env.GITHUB_CLIENT_SECRET
              ? { clientId: env.GITHUB_CLIENT_ID, clientSecret: env.GITHUB_CLIENT_SECRET, request: userRequest(githubApiUrl(env)) }
              : undefined,
        }
      : undefined,
    log: parts.log,
  };
}
