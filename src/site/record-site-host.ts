import type { SiteHostStore } from "../store/stores";
import { siteLabel } from "./site-label";

/**
 * Makes the environment's host label resolvable: a label shortened with a hash is recorded
 * (idempotently) so the site server can map it back; a plain label needs nothing.
 */
export async function recordSiteHost(siteHosts: Pick<SiteHostStore, "record">, owner: string, repo: string, environment: string): Promise<void> {
  const { label, hashed } = siteLabel(owner, repo, environment);
  if (hashed) await siteHosts.record({ label, owner, repo, environment });
}
