import { parse, serialize } from "cookie";

/** Where a cookie lives: its path, and whether the address is HTTPS. */
export interface CookieScope {
  path: string;
  secure: boolean;
}

/**
 * The name a cookie goes by in `scope`. Over HTTPS it carries a prefix browsers enforce:
 * `__Host-` (Secure, no Domain, Path=/) where the path allows, else `__Secure-`, so a cookie
 * set by another subdomain can never stand in for it.
 */
export function cookieName(name: string, scope: CookieScope): string {
  if (!scope.secure) return name;
  return scope.path === "/" ? `__Host-${name}` : `__Secure-${name}`;
}

/** A `Set-Cookie` value: HttpOnly, SameSite=Lax, host-only (never a Domain), Secure over HTTPS. */
export function setCookie(name: string, value: string, scope: CookieScope, maxAgeSeconds: number): string {
  return serialize(cookieName(name, scope), value, {
    path: scope.path,
    httpOnly: true,
    secure: scope.secure,
    sameSite: "lax",
    maxAge: Math.max(0, Math.floor(maxAgeSeconds)),
  });
}

/** A `Set-Cookie` value that removes the cookie. */
export function clearCookie(name: string, scope: CookieScope): string {
  return setCookie(name, "", scope, 0);
}

/** The value of one cookie of a `Cookie` header. */
export function readCookie(header: string | undefined, name: string, scope: CookieScope): string | undefined {
  if (!header) return undefined;
  return parse(header)[cookieName(name, scope)];
}
