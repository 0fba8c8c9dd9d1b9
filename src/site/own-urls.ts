import { OWN_PATH } from "./resolve-site-target";
import type { SiteAddressing } from "./site-url";

/** `<SITE_BASE_URL>/.slipway/callback`: the OAuth callback URL to enter in the GitHub App's settings. */
export function callbackUrl(sites: SiteAddressing): string {
  return `${sites.baseUrl}/${OWN_PATH}callback`;
}

/** Starts sign-in for an environment, coming back to `to` (a path on the site's origin) in the browser holding `nonce`. */
export function startUrl(sites: SiteAddressing, site: { owner: string; repo: string; environment: string }, to: string, nonce: string): string {
  const query = new URLSearchParams({ site: `${site.owner}/${site.repo}/${site.environment}`, to, nonce });
  return `${sites.baseUrl}/${OWN_PATH}start?${query}`;
}

/** The sign-in page of a site (a path on its origin), coming back to `to`. */
export function signInPath(root: string, to: string, notice?: "share-ended"): string {
  const query = new URLSearchParams({ to, ...(notice ? { notice } : {}) });
  return `${root}${OWN_PATH}sign-in?${query}`;
}

/**
 * `to` if it is a path under `root` that is safe to redirect to (not `//host`, no backslash
 * or control character, which browsers may read as another origin), else `root`.
 */
export function safeReturnPath(to: string | null | undefined, root: string): string {
  if (!to || to.length > 2048 || !to.startsWith(root) || to.startsWith("//") || to.includes("\\")) return root;
  return [...to].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f) ? root : to;
}
