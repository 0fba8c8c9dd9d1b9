import { escapeHtml, htmlPage } from "./html-page";
import type { SiteResponse } from "./site-response";

/** The site a page speaks of. */
export interface PageSite {
  owner: string;
  repo: string;
  environment: string;
  pullNumber?: number;
}

function describe(site: PageSite): { repository: string; what: string; noun: string } {
  const repository = `<code>${escapeHtml(`${site.owner}/${site.repo}`)}</code>`;
  const environment = `<strong>${escapeHtml(site.environment)}</strong>`;
  return site.pullNumber !== undefined
    ? { repository, what: `the preview of pull request #${site.pullNumber} (${environment}) of ${repository}`, noun: "preview" }
    : { repository, what: `the ${environment} environment of ${repository}`, noun: "site" };
}

const ASK_FOR_A_LINK = "No GitHub account, or no access? Ask someone on the pull request for a share link: they comment <code>/preview share</code> there.";

/** Asks a visitor of an environment of a private repository to sign in with GitHub. */
export function signInPage(site: PageSite, signInUrl: string, notice?: "share ended"): SiteResponse {
  const { repository, what, noun } = describe(site);
  return htmlPage({
    status: 200,
    title: `Sign in to view this ${noun}`,
    body: [
      notice === "share ended" ? `<p><strong>The share link you opened has expired or was revoked.</strong></p>` : "",
      `<p>This is ${what}, published by Slipway. ${repository} is a private repository, so the ${noun} opens only for people who can read it on GitHub.</p>`,
      `<p><a class="button" href="${escapeHtml(signInUrl)}">Sign in with GitHub</a></p>`,
      `<p class="note">Slipway asks GitHub only who you are and whether you can read ${repository}; it changes nothing on your behalf. You come back here after signing in.</p>`,
      `<p class="note">${ASK_FOR_A_LINK}</p>`,
    ].join("\n"),
  });
}

/** 403: the signed-in person cannot read the repository; says which one, and how to get access. */
export function forbiddenPage(site: PageSite, login: string, retryUrl: string | undefined): SiteResponse {
  const { repository, what, noun } = describe(site);
  const user = `<strong>@${escapeHtml(login)}</strong>`;
  return htmlPage({
    status: 403,
    title: `You don’t have access to this ${noun}`,
    body: [
      `<p>This is ${what}. It opens only for people who can read ${repository} on GitHub, and you are signed in as ${user}, who cannot.</p>`,
      `<p>To get access:</p>`,
      `<ul>`,
      `<li>ask an owner or admin of ${repository} to give ${user} read access (as a collaborator, or through a team);</li>`,
      `<li>if the organisation uses SAML single sign-on, authorize your GitHub session for it;</li>`,
      `<li>or ask someone on the pull request for a share link (<code>/preview share</code>), which needs no access to the repository.</li>`,
      `</ul>`,
      retryUrl ? `<p><a class="button" href="${escapeHtml(retryUrl)}">Check again</a></p>` : "",
      `<p class="note">Signed in with the wrong account? Sign out of GitHub, sign in with the account that has access, then check again.</p>`,
    ].join("\n"),
  });
}

/** A short page that says what happened and what to do: an expired link, sign-in not set up, GitHub unreachable. */
export function noticePage(status: number, title: string, paragraphs: string[], action?: { href: string; label: string }): SiteResponse {
  return htmlPage({
    status,
    title,
    body: [...paragraphs.map((text) => `<p>${text}</p>`), action ? `<p><a class="button" href="${escapeHtml(action.href)}">${escapeHtml(action.label)}</a></p>` : ""].join("\n"),
  });
}

/** 404 for a share link that expired or was revoked (the two are not told apart). */
export function shareEndedPage(site: PageSite, signInUrl: string | undefined): SiteResponse {
  const { repository, what } = describe(site);
  return noticePage(
    404,
    "This share link no longer works",
    [
      `This link to ${what} has expired or was revoked.`,
      `Ask the person who shared it for a new one (they comment <code>/preview share</code> on the pull request)${signInUrl ? `, or sign in with GitHub if you can read ${repository}` : ""}.`,
    ],
    signInUrl ? { href: signInUrl, label: "Sign in with GitHub" } : undefined,
  );
}

/**
 * 503: a private repository's site, and this Slipway has no sign-in set up (`shareLinks`: share
 * links work all the same, only the session key is needed for them).
 */
export function signInUnavailablePage(site: PageSite, shareLinks: boolean): SiteResponse {
  const { repository, what } = describe(site);
  return noticePage(503, "Sign-in is not set up here", [
    `This is ${what}. ${repository} is private, so it opens only after signing in with GitHub, and this Slipway installation has no sign-in configured.`,
    `Whoever runs Slipway sets it up: <code>GITHUB_CLIENT_ID</code>, <code>GITHUB_CLIENT_SECRET</code> and <code>SLIPWAY_SESSION_KEY</code> (see “Private previews” in Slipway’s README).${shareLinks ? ` Share links work meanwhile: someone on the pull request comments <code>/preview share</code> there.` : ""}`,
  ]);
}
