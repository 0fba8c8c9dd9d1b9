import type { BlobStore } from "../blobs/blob-store";
import type { GitHubRequest } from "../github/user-request";
import type { EnvironmentStore, ShareLinkStore, SignInHandoffStore, SiteHostStore } from "../store/stores";
import type { SessionKeys } from "./access/session-keys";
import type { SiteAddressing } from "./site-url";

/** Sign-in with GitHub: the GitHub App's OAuth client, and GitHub's API for the person's calls. */
export interface SiteSignIn {
  clientId: string;
  clientSecret: string;
  request: GitHubRequest;
}

/** What serving private environments needs: session keys, share links, and (optionally) sign-in. */
export interface SiteAccess {
  keys: SessionKeys;
  shareLinks: Pick<ShareLinkStore, "get">;
  handoffs: Pick<SignInHandoffStore, "put" | "take">;
  /** Absent when GITHUB_CLIENT_ID / GITHUB_CLIENT_SECRET are not set: share links still work. */
  signIn?: SiteSignIn;
}

/** Everything the site server reads. */
export interface SiteDeps {
  environments: Pick<EnvironmentStore, "get">;
  blobs: Pick<BlobStore, "get">;
  siteHosts: Pick<SiteHostStore, "get">;
  /** `SITE_BASE_URL`, and `SITE_DOMAIN` when environments have their own origins. */
  sites: SiteAddressing;
  /** Absent without a session key: then environments of private repositories are not served at all. */
  access?: SiteAccess;
  now?(): Date;
  /** Where failures talking to GitHub are reported (never with a token or a code). */
  log?: { warn(details: Record<string, unknown>, message: string): void };
}
