import { z } from "zod";

/** How long a repository check (`GET /repos/{owner}/{repo}` with the user's token) is trusted. */
export const ACCESS_CHECK_TTL_MS = 5 * 60 * 1000;
/** A session never outlives this, whatever GitHub says of the token (user tokens of an app last 8 hours). */
export const SESSION_MAX_MS = 8 * 60 * 60 * 1000;
/** The session cookie keeps the checks of at most this many repositories (path form: one origin for all). */
export const MAX_GRANTS = 10;

export const SESSION_COOKIE = "slipway-session";
export const SHARE_COOKIE = "slipway-share";

const Millis = z.number().int().nonnegative();

/**
 * A signed-in person's session, in a signed cookie: their login, their GitHub token (sealed),
 * and the answer of each repository check with the time until which it is trusted.
 */
export const UserSessionSchema = z.object({
  v: z.literal(1),
  login: z.string().min(1),
  /** The user's token, sealed with the session's sealing key. */
  token: z.string().min(1),
  expiresAt: Millis,
  /** By `owner/repo` in lower case. */
  grants: z.record(z.string(), z.object({ ok: z.boolean(), until: Millis })),
});
export type UserSession = z.infer<typeof UserSessionSchema>;

/** A share link opened in this browser: the link's id (its token's hash) and the one environment it opens. */
export const ShareSessionSchema = z.object({
  v: z.literal(1),
  link: z.string().regex(/^[0-9a-f]{64}$/),
  owner: z.string().min(1),
  repo: z.string().min(1),
  environment: z.string().min(1),
  expiresAt: Millis,
});
export type ShareSession = z.infer<typeof ShareSessionSchema>;

/** The key of a repository in a session's grants. */
export function grantKey(owner: string, repo: string): string {
  return `${owner}/${repo}`.toLowerCase();
}

/** The session with one repository's check recorded, dropping the oldest checks beyond {@link MAX_GRANTS}. */
export function withGrant(session: UserSession, owner: string, repo: string, ok: boolean, now: Date): UserSession {
  const key = grantKey(owner, repo);
  const others = Object.entries(session.grants)
    .filter(([name]) => name !== key)
    .sort(([, a], [, b]) => b.until - a.until)
    .slice(0, MAX_GRANTS - 1);
  return { ...session, grants: Object.fromEntries([[key, { ok, until: now.getTime() + ACCESS_CHECK_TTL_MS }], ...others]) };
}
