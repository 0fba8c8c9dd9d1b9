import { newSecret } from "./access/secret-id";
import { readCookie, setCookie, type CookieScope } from "./access/site-cookies";
import type { SiteRequest } from "./site-request";

const NONCE_COOKIE = "slipway-sign-in";
/** As long as the OAuth state lives, and a little more: the time to get through GitHub. */
const NONCE_TTL_SECONDS = 15 * 60;
const NONCE = /^[\w-]{43}$/;

/**
 * The sign-in nonce of this browser on a site's origin, set by the page that starts a sign-in
 * and carried through GitHub in the OAuth state: a hand-off is taken only by the browser whose
 * cookie matches, so a hand-off link sent to someone else signs nobody in there. Returns the
 * nonce the browser has, or a new one with its `Set-Cookie`.
 */
export function signInNonce(request: SiteRequest, scope: CookieScope): { nonce: string; cookie?: string } {
  const current = readCookie(request.cookie, NONCE_COOKIE, scope);
  if (current && NONCE.test(current)) return { nonce: current };
  const nonce = newSecret();
  return { nonce, cookie: setCookie(NONCE_COOKIE, nonce, scope, NONCE_TTL_SECONDS) };
}

/** The nonce cookie the browser sent, if any. */
export function sentSignInNonce(request: SiteRequest, scope: CookieScope): string | undefined {
  return readCookie(request.cookie, NONCE_COOKIE, scope);
}
