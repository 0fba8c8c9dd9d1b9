import { canReadRepository, UserTokenRejectedError } from "../github/can-read-repository";
import type { EnvironmentRecord } from "../model/records";
import { openToken } from "./access/seal-token";
import { clearCookie, readCookie } from "./access/site-cookies";
import { grantKey, SESSION_COOKIE, SHARE_COOKIE, ShareSessionSchema, UserSessionSchema, withGrant } from "./access/site-session";
import { readSignedValue } from "./access/signed-value";
import { signInPath, startUrl } from "./own-urls";
import type { SiteTarget } from "./resolve-site-target";
import { cookieScopes, sessionCookie } from "./site-cookies";
import type { SiteAccess, SiteDeps } from "./site-deps";
import { forbiddenPage, noticePage, signInUnavailablePage, type PageSite } from "./site-pages";
import type { SiteRequest } from "./site-request";
import { signInNonce } from "./sign-in-nonce";
import { textResponse, type SiteResponse } from "./site-response";

export type AccessDecision =
  /** Serve the file, setting `cookies`; `cache` says whether shared caches may keep it. */
  | { allowed: true; cookies: string[]; cache: "public" | "private" }
  | { allowed: false; response: SiteResponse };

/** The page's words for an environment. */
export function pageSite(environment: EnvironmentRecord): PageSite {
  return { owner: environment.owner, repo: environment.repo, environment: environment.name, pullNumber: environment.pullNumber };
}

/**
 * Who may see an environment. A public repository's (recorded `private: false`) is anyone's;
 * any other (private, or not yet known) only:
 * 1. a browser holding a share link of this very environment, still live (read each time, so
 *    `/preview unshare` takes effect at once);
 * 2. a signed-in person whose check of the repository is under five minutes old, or, once it is
 *    older, who GitHub says can read it now (`GET /repos/{owner}/{repo}` with their token; the
 *    answer renews the check in the session cookie);
 * 3. anyone else is sent to sign in.
 */
export async function checkAccess(environment: EnvironmentRecord, target: SiteTarget, request: SiteRequest, deps: SiteDeps): Promise<AccessDecision> {
  if (environment.private === false) return { allowed: true, cookies: [], cache: "public" };
  const access = deps.access;
  if (!access) return { allowed: false, response: signInUnavailablePage(pageSite(environment), false) };
  const now = deps.now?.() ?? new Date();
  const scopes = cookieScopes(deps.sites, target);
  const cookies: string[] = [];

  const share = readSignedValue(readCookie(request.cookie, SHARE_COOKIE, scopes.share), access.keys.signing, ShareSessionSchema);
  let shareEnded = false;
  if (share && sameEnvironment(share, environment)) {
    if (share.expiresAt > now.getTime() && (await access.shareLinks.get(environment.owner, environment.repo, environment.name, share.link, now))) {
      return { allowed: true, cookies, cache: "private" };
    }
    cookies.push(clearCookie(SHARE_COOKIE, scopes.share));
    shareEnded = true;
  }

  const session = readSignedValue(readCookie(request.cookie, SESSION_COOKIE, scopes.session), access.keys.signing, UserSessionSchema);
  if (session && session.expiresAt > now.getTime()) {
    const grant = session.grants[grantKey(environment.owner, environment.repo)];
    if (grant && grant.until > now.getTime()) return decide(grant.ok, session.login, cookies, environment, target, request, deps);
    const token = access.signIn ? openToken(session.token, access.keys.sealing) : undefined;
    if (access.signIn && token) {
      try {
        const ok = await canReadRepository(access.signIn.request, token, { owner: environment.owner, repo: environment.repo });
        cookies.push(sessionCookie(withGrant(session, environment.owner, environment.repo, ok, now), scopes.session, access.keys, now));
        return decide(ok, session.login, cookies, environment, target, request, deps);
      } catch (error) {
        // A revoked or expired token means signing in again; anything else is GitHub failing.
        if (!(error instanceof UserTokenRejectedError)) return { allowed: false, response: githubUnavailable(environment, request, deps, error) };
      }
    }
  }
  return { allowed: false, response: toSignIn(access, environment, target, request, cookies, shareEnded) };
}

function sameEnvironment(share: { owner: string; repo: string; environment: string }, environment: EnvironmentRecord): boolean {
  return grantKey(share.owner, share.repo) === grantKey(environment.owner, environment.repo) && share.environment === environment.name;
}

function returnPath(request: SiteRequest): string {
  return `${request.path}${request.query ? `?${request.query}` : ""}`;
}

function decide(ok: boolean, login: string, cookies: string[], environment: EnvironmentRecord, target: SiteTarget, request: SiteRequest, deps: SiteDeps): AccessDecision {
  if (ok) return { allowed: true, cookies, cache: "private" };
  if (!deps.access?.signIn) return { allowed: false, response: { ...forbiddenPage(pageSite(environment), login, undefined), cookies } };
  // "Check again" signs in anew from this page, as the sign-in page would.
  const { nonce, cookie } = signInNonce(request, cookieScopes(deps.sites, target).session);
  const retry = startUrl(deps.sites, { owner: environment.owner, repo: environment.repo, environment: environment.name }, returnPath(request), nonce);
  return { allowed: false, response: { ...forbiddenPage(pageSite(environment), login, retry), cookies: cookie ? [...cookies, cookie] : cookies } };
}

function toSignIn(access: SiteAccess, environment: EnvironmentRecord, target: SiteTarget, request: SiteRequest, cookies: string[], shareEnded: boolean): SiteResponse {
  if (!access.signIn) return { ...signInUnavailablePage(pageSite(environment), true), cookies };
  const location = signInPath(target.root, returnPath(request), shareEnded ? "share-ended" : undefined);
  return { ...textResponse(303, `Sign in to view this site: ${location}`, { Location: location }), cookies };
}

function githubUnavailable(environment: EnvironmentRecord, request: SiteRequest, deps: SiteDeps, error: unknown): SiteResponse {
  deps.log?.warn({ err: error instanceof Error ? error.message : String(error), repository: `${environment.owner}/${environment.repo}` }, "could not check repository access with GitHub");
  return noticePage(502, "GitHub could not confirm your access", [
    "Slipway asks GitHub whether you can read the repository before showing this page, and GitHub did not answer just now.",
    "Reload the page in a moment.",
  ], { href: returnPath(request), label: "Reload" });
}
