import { siteLabel } from "./site-label";

/** Where sites are served: `SITE_BASE_URL`, and `SITE_DOMAIN` when each environment has its own origin. */
export interface SiteAddressing {
  /** `<SITE_BASE_URL>`, without a trailing slash. */
  baseUrl: string;
  /** `SITE_DOMAIN`: environments are served at `<label>.<domain>`, with the base URL's scheme. */
  domain?: string;
}

/**
 * The public address of an environment: `<scheme>://<environment>--<repo>--<owner>.<SITE_DOMAIN>/`
 * when a site domain is set (see `siteLabel` for long names), else
 * `<SITE_BASE_URL>/<owner>/<repo>/<environment>/`.
 */
export function siteUrl(sites: SiteAddressing, owner: string, repo: string, environment: string): string {
  if (sites.domain) return `${new URL(sites.baseUrl).protocol}//${siteLabel(owner, repo, environment).label}.${sites.domain}/`;
  const segments = [owner.toLowerCase(), repo.toLowerCase(), environment].map(encodeURIComponent);
  return `${sites.baseUrl.replace(/\/+$/, "")}/${segments.join("/")}/`;
}
