import { timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { canReadRepository } from "../github/can-read-repository";
import { exchangeUserCode } from "../github/exchange-user-code";
import { getAuthenticatedUser } from "../github/get-authenticated-user";
import { githubErrorStatus } from "../github/github-error";
import { userAuthorizationUrl } from "../github/user-authorization-url";
import { ENVIRONMENT_NAME_PATTERN } from "../model/environment-name";
import { createPkce } from "./access/pkce";
import { sealToken } from "./access/seal-token";
import { newSecret, secretId } from "./access/secret-id";
import { clearCookie, readCookie, setCookie } from "./access/site-cookies";
import { SESSION_COOKIE, SESSION_MAX_MS, UserSessionSchema, withGrant, type UserSession } from "./access/site-session";
import { readSignedValue, signValue } from "./access/signed-value";
import { pageSite } from "./check-access";
import { callbackUrl, safeReturnPath, startUrl } from "./own-urls";
import { OWN_PATH } from "./resolve-site-target";
import { cookieScopes, sessionCookie } from "./site-cookies";
import type { SiteDeps, SiteSignIn } from "./site-deps";
import { noticePage, signInUnavailablePage } from "./site-pages";
import type { SiteRequest } from "./site-request";
import { textResponse, type SiteResponse } from "./site-response";
import { siteUrl } from "./site-url";
import type { SessionKeys } from "./access/session-keys";

const OAUTH_COOKIE = "slipway-oauth";
/** Time to get through GitHub's authorize page. */
const OAUTH_STATE_TTL_MS = 10 * 60 * 1000;
/** A hand-off code is used by the very next request; a minute covers a slow redirect. */
const HANDOFF_TTL_MS = 60 * 1000;

/** What the sign-in remembers between leaving for GitHub and coming back, in a signed cookie. */
const OAuthStateSchema = z.object({
  v: z.literal(1),
  state: z.string().min(32),
  verifier: z.string().min(43),
  owner: z.string().min(1),
  repo: z.string().min(1),
  environment: z.string().min(1),
  to: z.string().startsWith("/"),
  /** The sign-in nonce of the browser on the site's origin (see `signInNonce`). */
  nonce: z.string(),
  expiresAt: z.number().int(),
});
type OAuthState = z.infer<typeof OAuthStateSchema>;

/**
 * The sign-in endpoints under `<SITE_BASE_URL>/.slipway/` (one origin, whose callback URL is in
 * the GitHub App's settings, whatever origin the site has):
 * - `start?site=<owner>/<repo>/<environment>&to=<path>`: remembers a fresh `state` and PKCE
 *   verifier in a signed cookie and sends the browser to GitHub's authorize page;
 * - `callback?code=&state=`: checks `state`, exchanges the code (with the verifier) for the
 *   person's token, asks GitHub who they are and whether they can read the repository, and
 *   signs them in: directly when the site shares this origin, else through a one-time code the
 *   site's own origin takes (`<root>.slipway/handoff`).
 */
export async function signInFlow(action: string, request: SiteRequest, deps: SiteDeps): Promise<SiteResponse> {
  const signIn = deps.access?.signIn;
  if (action !== "start" && action !== "callback") return textResponse(404, `Not found: ${OWN_PATH}${action} is not one of Slipway's sign-in pages.`);
  if (!deps.access || !signIn) {
    return noticePage(503, "Sign-in is not set up here", [
      "This Slipway installation has no sign-in with GitHub configured: whoever runs it sets <code>GITHUB_CLIENT_ID</code>, <code>GITHUB_CLIENT_SECRET</code> and <code>SLIPWAY_SESSION_KEY</code>.",
    ]);
  }
  const query = new URLSearchParams(request.query ?? "");
  return action === "start" ? start(query, deps, signIn, deps.access.keys) : callback(query, request, deps, signIn, deps.access.keys);
}

async function start(query: URLSearchParams, deps: SiteDeps, signIn: SiteSignIn, keys: SessionKeys): Promise<SiteResponse> {
  const [owner, repo, environmentName, ...extra] = (query.get("site") ?? "").split("/");
  if (!owner || !repo || !environmentName || extra.length > 0 || !ENVIRONMENT_NAME_PATTERN.test(environmentName)) {
    return textResponse(400, "Bad request: `site` must name an environment as <owner>/<repo>/<environment>.");
  }
  const environment = await deps.environments.get(owner, repo, environmentName);
  if (!environment || environment.state !== "active") return textResponse(404, `Not found: ${owner}/${repo} has no environment "${environmentName}".`);
  const home = siteUrl(deps.sites, environment.owner, environment.repo, environment.name);
  const root = deps.sites.domain ? "/" : new URL(home).pathname;
  const to = safeReturnPath(query.get("to"), root);
  if (environment.private === false) return seeOther(deps.sites.domain ? new URL(to, home).toString() : to);
  if (!deps.access) return signInUnavailablePage(pageSite(environment), false);

  const now = deps.now?.() ?? new Date();
  const { verifier, challenge } = createPkce();
  const state: OAuthState = {
    v: 1,
    state: newSecret(),
    verifier,
    owner: environment.owner,
    repo: environment.repo,
    environment: environment.name,
    to,
    nonce: query.get("nonce") ?? "",
    expiresAt: now.getTime() + OAUTH_STATE_TTL_MS,
  };
  const location = userAuthorizationUrl(signIn.request, { clientId: signIn.clientId, redirectUrl: callbackUrl(deps.sites), state: state.state, codeChallenge: challenge });
  return {
    ...textResponse(302, "Sign in with GitHub", { Location: location }),
    cookies: [setCookie(OAUTH_COOKIE, signValue(state, keys.signing), cookieScopes(deps.sites).oauth, OAUTH_STATE_TTL_MS / 1000)],
  };
}

async function callback(query: URLSearchParams, request: SiteRequest, deps: SiteDeps, signIn: SiteSignIn, keys: SessionKeys): Promise<SiteResponse> {
  const now = deps.now?.() ?? new Date();
  const scopes = cookieScopes(deps.sites);
  const cleared = [clearCookie(OAUTH_COOKIE, scopes.oauth)];
  const state = readSignedValue(readCookie(request.cookie, OAUTH_COOKIE, scopes.oauth), keys.signing, OAuthStateSchema);
  if (!state || state.expiresAt <= now.getTime() || !sameSecret(state.state, query.get("state"))) {
    return {
      ...noticePage(400, "This sign-in has expired", [
        "It took longer than ten minutes, was started in another browser, or was already used. Go back to the page you wanted to see and sign in again.",
      ]),
      cookies: cleared,
    };
  }
  const site = { owner: state.owner, repo: state.repo, environment: state.environment };
  const retry = { href: startUrl(deps.sites, site, state.to, state.nonce), label: "Sign in again" };
  const code = query.get("code");
  if (!code) {
    // GitHub sends `error=access_denied` when the person declines.
    return { ...noticePage(400, "Sign-in was cancelled", ["GitHub did not sign you in, so Slipway cannot show the page. Sign in again when you are ready."], retry), cookies: cleared };
  }

  if (deps.sites.domain && !state.nonce) {
    // Without the nonce of the site's origin, the hand-off could never be taken there.
    return { ...noticePage(400, "Start signing in from the page you want to see", ["This sign-in did not start from the site's own sign-in page, so it cannot reach the site. Open the page you want and sign in there."]), cookies: cleared };
  }

  let session: UserSession;
  try {
    const user = await exchangeUserCode(signIn.request, { clientId: signIn.clientId, clientSecret: signIn.clientSecret, code, redirectUrl: callbackUrl(deps.sites), codeVerifier: state.verifier });
    const [login, ok] = await Promise.all([getAuthenticatedUser(signIn.request, user.token), canReadRepository(signIn.request, user.token, site)]);
    const tokenEnd = user.expiresAt ? new Date(user.expiresAt).getTime() : Number.POSITIVE_INFINITY;
    const fresh: UserSession = { v: 1, login, token: sealToken(user.token, keys.sealing), expiresAt: Math.min(now.getTime() + SESSION_MAX_MS, tokenEnd), grants: {} };
    session = withGrant(keepGrants(fresh, request, deps, keys, now), site.owner, site.repo, ok, now);
  } catch (error) {
    const refused = githubErrorStatus(error) === 400;
    deps.log?.warn({ err: error instanceof Error ? error.message : String(error), repository: `${site.owner}/${site.repo}` }, "sign-in with GitHub failed");
    const page = refused
      ? noticePage(400, "GitHub did not accept this sign-in", ["The sign-in code was already used or has expired. Sign in again."], retry)
      : noticePage(502, "GitHub could not be reached", ["Slipway could not finish signing you in with GitHub just now. Try again in a moment."], retry);
    return { ...page, cookies: cleared };
  }

  if (!deps.sites.domain) {
    // The site shares this origin: its session cookie can be set right here.
    return { ...seeOther(state.to), cookies: [...cleared, sessionCookie(session, scopes.session, keys, now)] };
  }
  const handoffCode = newSecret();
  await deps.access?.handoffs.put({
    id: secretId(handoffCode),
    ...site,
    session: signValue(session, keys.signing),
    nonce: state.nonce,
    to: state.to,
    expiresAt: new Date(now.getTime() + HANDOFF_TTL_MS).toISOString(),
  });
  const home = siteUrl(deps.sites, site.owner, site.repo, site.environment);
  return { ...seeOther(`${home}${OWN_PATH}handoff?${new URLSearchParams({ code: handoffCode })}`), cookies: cleared };
}

/**
 * In the path form one cookie serves every site: a new sign-in of the same person keeps the
 * checks of the other repositories they opened.
 */
function keepGrants(fresh: UserSession, request: SiteRequest, deps: SiteDeps, keys: SessionKeys, now: Date): UserSession {
  if (deps.sites.domain) return fresh;
  const current = readSignedValue(readCookie(request.cookie, SESSION_COOKIE, cookieScopes(deps.sites).session), keys.signing, UserSessionSchema);
  if (!current || current.login !== fresh.login) return fresh;
  const live = Object.entries(current.grants).filter(([, grant]) => grant.until > now.getTime());
  return { ...fresh, grants: Object.fromEntries(live) };
}

function sameSecret(expected: string, given: string | null): boolean {
  if (given === null) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function seeOther(location: string): SiteResponse {
  return textResponse(303, `See ${location}`, { Location: location });
}

