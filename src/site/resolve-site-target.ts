import type { SiteRequest } from "./site-request";
import type { SiteDeps } from "./site-deps";
import { parseHostPath, parseSitePath } from "./parse-site-path";
import { parseSiteLabel } from "./site-label";
import { textResponse, type SiteResponse } from "./site-response";
import { siteUrl } from "./site-url";

/** Slipway's own paths, on the sign-in origin (`<SITE_BASE_URL>/.slipway/…`) and on every site (`<root>.slipway/…`). */
export const OWN_PATH = ".slipway/";

/** An environment's site, as a request names it. */
export interface SiteTarget {
  owner: string;
  repo: string;
  environment: string;
  /** The URL path of the site's root as requested, ending in `/`: `/` on its own origin. */
  root: string;
  /** The file under the root, decoded: `""` for the root, ending in `/` for a folder. */
  file: string;
  /** The last path segment as sent, for relative redirects. */
  lastSegment: string;
  /** Path form `/<owner>/<repo>/<environment>` without the slash: answered with a redirect. */
  rootWithoutSlash: boolean;
  /** The site is an environment's own origin (`SITE_DOMAIN`). */
  ownOrigin: boolean;
}

export type ResolvedRequest =
  | { kind: "site"; target: SiteTarget }
  /** `<SITE_BASE_URL>/.slipway/<action>`: the sign-in flow's own endpoints. */
  | { kind: "sign-in-origin"; action: string }
  | { kind: "answer"; response: SiteResponse };

/**
 * Which site a request is for. With `SITE_DOMAIN` set, a host `<label>.<SITE_DOMAIN>` names
 * the environment (a shortened label is looked up), and every path on it is the site's; a
 * request in the path form under `SITE_BASE_URL` is redirected there. Otherwise the path form
 * `<SITE_BASE_URL path>/<owner>/<repo>/<environment>/…` names it.
 */
export async function resolveSiteTarget(request: SiteRequest, deps: Pick<SiteDeps, "sites" | "siteHosts">): Promise<ResolvedRequest> {
  const { domain } = deps.sites;
  const label = domain ? labelOf(request.host, domain) : undefined;
  if (label !== undefined) return resolveHost(label, request, deps);

  const basePath = new URL(deps.sites.baseUrl).pathname.replace(/\/+$/, "");
  if (request.path !== basePath && !request.path.startsWith(`${basePath}/`)) {
    return { kind: "answer", response: textResponse(404, `Not found: sites are served under ${basePath || "/"}.`) };
  }
  const rest = request.path.slice(basePath.length) || "/";
  if (rest.startsWith(`/${OWN_PATH}`)) return { kind: "sign-in-origin", action: rest.slice(OWN_PATH.length + 1) };
  const parsed = parseSitePath(rest);
  if (parsed.kind === "invalid") return { kind: "answer", response: textResponse(400, `Bad request: ${parsed.reason}.`) };
  if (parsed.kind === "incomplete") {
    return { kind: "answer", response: textResponse(404, "Not found. Sites are served at /<owner>/<repo>/<environment>/, for example /octo/hello/pr-12/.") };
  }
  const rawSegments = rest.slice(1).split("/");
  if (domain) {
    // Each environment has its own origin now: the shared one serves none of them.
    const location = `${siteUrl(deps.sites, parsed.owner, parsed.repo, parsed.environment)}${rawSegments.slice(3).join("/")}${request.query ? `?${request.query}` : ""}`;
    return { kind: "answer", response: textResponse(308, `Moved to ${location}`, { Location: location, "Cache-Control": "public, max-age=300" }) };
  }
  return {
    kind: "site",
    target: {
      owner: parsed.owner,
      repo: parsed.repo,
      environment: parsed.environment,
      root: `${basePath}/${rawSegments.slice(0, 3).join("/")}/`,
      file: parsed.kind === "file" ? parsed.file : "",
      lastSegment: parsed.lastSegment,
      rootWithoutSlash: parsed.kind === "environment-root",
      ownOrigin: false,
    },
  };
}

async function resolveHost(label: string, request: SiteRequest, deps: Pick<SiteDeps, "siteHosts">): Promise<ResolvedRequest> {
  const parsed = parseSiteLabel(label);
  const named = parsed?.kind === "hashed" ? await deps.siteHosts.get(parsed.label) : parsed;
  if (!named) return { kind: "answer", response: textResponse(404, `Not found: no site is served at ${request.host ?? "this address"}.`) };
  const path = parseHostPath(request.path);
  if (path.kind === "invalid") return { kind: "answer", response: textResponse(400, `Bad request: ${path.reason}.`) };
  return {
    kind: "site",
    target: { owner: named.owner, repo: named.repo, environment: named.environment, root: "/", file: path.file, lastSegment: path.lastSegment, rootWithoutSlash: false, ownOrigin: true },
  };
}

/** The label of `<label>.<domain>`; the port is compared only when the domain names one. */
function labelOf(host: string | undefined, domain: string): string | undefined {
  if (!host) return undefined;
  const name = (domain.includes(":") ? host : host.replace(/:\d+$/, "")).toLowerCase();
  if (!name.endsWith(`.${domain}`)) return undefined;
  const label = name.slice(0, -domain.length - 1);
  return label.includes(".") ? undefined : label;
}
