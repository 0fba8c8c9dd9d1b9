import type { SessionKeys } from "./access/session-keys";
import { setCookie, type CookieScope } from "./access/site-cookies";
import { SESSION_COOKIE, SHARE_COOKIE, type ShareSession, type UserSession } from "./access/site-session";
import { signValue } from "./access/signed-value";
import type { SiteTarget } from "./resolve-site-target";
import type { SiteAddressing } from "./site-url";

/** Where each of Slipway's cookies lives for a site. */
export interface SiteCookieScopes {
  /**
   * The signed-in session: the environment's own origin (`/`), or, in the path form where every
   * site shares one origin, the whole site base, with one repository check per repository.
   */
  session: CookieScope;
  /** An opened share link: its site's root only. */
  share: CookieScope;
  /** The OAuth `state` and PKCE verifier: the sign-in endpoints under `<SITE_BASE_URL>/.slipway/`. */
  oauth: CookieScope;
}

export function cookieScopes(sites: SiteAddressing, target?: Pick<SiteTarget, "root" | "ownOrigin">): SiteCookieScopes {
  const base = new URL(sites.baseUrl);
  const secure = base.protocol === "https:";
  const basePath = base.pathname.replace(/\/+$/, "");
  return {
    session: { path: target?.ownOrigin ? "/" : `${basePath}/`, secure },
    share: { path: target?.root ?? `${basePath}/`, secure },
    oauth: { path: `${basePath}/.slipway/`, secure },
  };
}

/** The `Set-Cookie` of a signed-in session, kept until the session ends. */
export function sessionCookie(session: UserSession, scope: CookieScope, keys: SessionKeys, now: Date): string {
  return setCookie(SESSION_COOKIE, signValue(session, keys.signing), scope, (session.expiresAt - now.getTime()) / 1000);
}

/** The `Set-Cookie` of an opened share link, kept until the link expires. */
export function shareCookie(share: ShareSession, scope: CookieScope, keys: SessionKeys, now: Date): string {
  return setCookie(SHARE_COOKIE, signValue(share, keys.signing), scope, (share.expiresAt - now.getTime()) / 1000);
}
