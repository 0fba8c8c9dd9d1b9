import { checkAccess } from "./check-access";
import { OWN_PATH, resolveSiteTarget } from "./resolve-site-target";
import { redirect, serveEnvironmentFile } from "./serve-environment-file";
import { serveOwnPage } from "./serve-own-page";
import { signInFlow } from "./sign-in-flow";
import type { SiteDeps } from "./site-deps";
import type { SiteRequest } from "./site-request";
import { textResponse, type SiteResponse } from "./site-response";

export type { SiteDeps } from "./site-deps";
export type { SiteRequest } from "./site-request";
export type { SiteResponse } from "./site-response";

/** Sent with every answer of the site server, files and Slipway's own pages alike. */
const SITE_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
};

/**
 * Serves one request for a deployed static site:
 * 1. which environment it is for: its own origin (`SITE_DOMAIN`) or the path form;
 * 2. Slipway's own endpoints: sign-in under `<SITE_BASE_URL>/.slipway/`, the sign-in page,
 *    hand-off and share links under each site's `.slipway/`;
 * 3. the environment's pointer; removed or unknown environments are 404;
 * 4. who may see it (a private repository's: share link or signed-in reader, else sign in);
 * 5. the file of its build.
 * Every answer carries `nosniff` and a `Referrer-Policy`. Storage failures reject.
 */
export async function serveSite(request: SiteRequest, deps: SiteDeps): Promise<SiteResponse> {
  if (request.method !== "GET" && request.method !== "HEAD") {
    return withSiteHeaders(textResponse(405, `Method ${request.method} is not allowed: sites are read with GET or HEAD.`, { Allow: "GET, HEAD" }));
  }
  const response = withSiteHeaders(await answer(request, deps));
  return request.method === "HEAD" ? { ...response, body: Buffer.alloc(0) } : response;
}

function withSiteHeaders(response: SiteResponse): SiteResponse {
  return { ...response, headers: { ...response.headers, ...SITE_HEADERS } };
}

async function answer(request: SiteRequest, deps: SiteDeps): Promise<SiteResponse> {
  const resolved = await resolveSiteTarget(request, deps);
  if (resolved.kind === "answer") return resolved.response;
  if (resolved.kind === "sign-in-origin") return signInFlow(resolved.action, request, deps);
  const { target } = resolved;
  const name = `${target.owner}/${target.repo}`;
  const environment = await deps.environments.get(target.owner, target.repo, target.environment);
  if (!environment) return textResponse(404, `Not found: ${name} has no environment "${target.environment}".`);
  if (environment.state === "removed") {
    return textResponse(404, `Not found: the environment "${target.environment}" of ${name} was removed (its pull request was closed, or the preview expired).`);
  }
  if (target.rootWithoutSlash) return redirect(`./${target.lastSegment}/${request.query ? `?${request.query}` : ""}`);
  if (target.file.startsWith(OWN_PATH)) return serveOwnPage(environment, target, request, deps);

  const access = await checkAccess(environment, target, request, deps);
  if (!access.allowed) return access.response;
  const file = await serveEnvironmentFile(
    environment,
    { siteName: name, file: target.file, lastSegment: target.lastSegment, query: request.query, ifNoneMatch: request.ifNoneMatch, cache: access.cache },
    deps.blobs,
  );
  return access.cookies.length > 0 ? { ...file, cookies: access.cookies } : file;
}
