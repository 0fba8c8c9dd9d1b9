import { timingSafeEqual } from "node:crypto";
import type { EnvironmentRecord } from "../model/records";
import { secretId } from "./access/secret-id";
import { UserSessionSchema } from "./access/site-session";
import { readSignedValue } from "./access/signed-value";
import { pageSite } from "./check-access";
import { safeReturnPath, signInPath, startUrl } from "./own-urls";
import { OWN_PATH, type SiteTarget } from "./resolve-site-target";
import { cookieScopes, sessionCookie, shareCookie } from "./site-cookies";
import type { SiteDeps } from "./site-deps";
import { sentSignInNonce, signInNonce } from "./sign-in-nonce";
import { noticePage, shareEndedPage, signInPage, signInUnavailablePage } from "./site-pages";
import type { SiteRequest } from "./site-request";
import { textResponse, type SiteResponse } from "./site-response";

/**
 * Slipway's own pages on a site's origin, under `<root>.slipway/`:
 * - `sign-in?to=`: the page that asks for sign-in with GitHub;
 * - `handoff?code=`: takes a one-time code the sign-in callback left for this origin, sets the
 *   session cookie here and goes on to `to`;
 * - `share/<token>`: opens a share link in this browser and goes to the site's root.
 */
export async function serveOwnPage(environment: EnvironmentRecord, target: SiteTarget, request: SiteRequest, deps: SiteDeps): Promise<SiteResponse> {
  const path = target.file.slice(OWN_PATH.length);
  const query = new URLSearchParams(request.query ?? "");
  const site = pageSite(environment);
  if (path.startsWith("share/")) return openShareLink(path.slice("share/".length), environment, target, deps);
  switch (path) {
    case "sign-in": {
      const to = safeReturnPath(query.get("to"), target.root);
      if (environment.private === false) return seeOther(to);
      if (!deps.access?.signIn) return signInUnavailablePage(site, deps.access !== undefined);
      const notice = query.get("notice") === "share-ended" ? "share ended" : undefined;
      const { nonce, cookie } = signInNonce(request, cookieScopes(deps.sites, target).session);
      const page = signInPage(site, startUrl(deps.sites, { owner: environment.owner, repo: environment.repo, environment: environment.name }, to, nonce), notice);
      return cookie ? { ...page, cookies: [cookie] } : page;
    }
    case "handoff":
      return takeHandoff(query.get("code") ?? "", environment, target, request, deps);
    default:
      return textResponse(404, `Not found: ${target.root}${target.file} is reserved for Slipway's sign-in and share links.`);
  }
}

async function takeHandoff(code: string, environment: EnvironmentRecord, target: SiteTarget, request: SiteRequest, deps: SiteDeps): Promise<SiteResponse> {
  const access = deps.access;
  const now = deps.now?.() ?? new Date();
  const handoff = access && code ? await access.handoffs.take(secretId(code), now) : undefined;
  const session = handoff && access ? readSignedValue(handoff.session, access.keys.signing, UserSessionSchema) : undefined;
  const forThisSite =
    handoff?.owner.toLowerCase() === environment.owner.toLowerCase() && handoff.repo.toLowerCase() === environment.repo.toLowerCase() && handoff.environment === environment.name;
  // Taken by the browser that started the sign-in only (see `signInNonce`).
  const sameBrowser = handoff !== undefined && sameSecret(handoff.nonce, sentSignInNonce(request, cookieScopes(deps.sites, target).session));
  if (!access || !handoff || !session || !forThisSite || !sameBrowser) {
    return noticePage(
      400,
      "This sign-in link has expired",
      ["A sign-in link works once, within a minute of signing in with GitHub, in the browser that signed in. Sign in again to continue."],
      { href: signInPath(target.root, target.root), label: "Sign in again" },
    );
  }
  const to = safeReturnPath(handoff.to, target.root);
  return { ...seeOther(to), cookies: [sessionCookie(session, cookieScopes(deps.sites, target).session, access.keys, now)] };
}

async function openShareLink(token: string, environment: EnvironmentRecord, target: SiteTarget, deps: SiteDeps): Promise<SiteResponse> {
  const access = deps.access;
  const now = deps.now?.() ?? new Date();
  const link = access && token ? await access.shareLinks.get(environment.owner, environment.repo, environment.name, secretId(token), now) : undefined;
  if (!access || !link) return shareEndedPage(pageSite(environment), access?.signIn ? signInPath(target.root, target.root) : undefined);
  const share = { v: 1 as const, link: link.id, owner: environment.owner, repo: environment.repo, environment: environment.name, expiresAt: new Date(link.expiresAt).getTime() };
  return { ...seeOther(target.root), cookies: [shareCookie(share, cookieScopes(deps.sites, target).share, access.keys, now)] };
}

function sameSecret(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function seeOther(location: string): SiteResponse {
  return textResponse(303, `See ${location}`, { Location: location });
}

