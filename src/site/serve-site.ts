import { createHash } from "node:crypto";
import type { Blob, BlobStore } from "../blobs/blob-store";
import { buildFileKey } from "../blobs/blob-store";
import type { EnvironmentRecord } from "../model/records";
import type { EnvironmentStore } from "../store/stores";
import { parseSitePath } from "./parse-site-path";
import { textResponse } from "./site-response";
import type { SiteResponse } from "./site-response";

export type { SiteResponse } from "./site-response";

export interface SiteRequest {
  method: string;
  /** The path after the site base, still percent-encoded: `/octo/hello/pr-12/css/a.css`. */
  path: string;
  /** The query string without `?`, kept on redirects. */
  query?: string;
  /** The `If-None-Match` request header, for 304 answers. */
  ifNoneMatch?: string;
}

export interface SiteDeps {
  environments: Pick<EnvironmentStore, "get">;
  blobs: Pick<BlobStore, "get">;
}

/** Assets stay fresh briefly only: the same URL serves a new build when the environment moves. */
const ASSET_CACHE = "public, max-age=60";

/** A file of the build to answer with, or a redirect to the folder form of the path. */
type Found = { path: string; blob: Blob; status: 200 | 404 } | { redirectTo: string };

/**
 * Serves one request for a deployed static site: resolves `/<owner>/<repo>/<environment>/…`
 * through the environment's pointer to its build, then the build's file. Folders serve their
 * `index.html`; a name that is a folder redirects to its slash form (so relative links work);
 * a miss serves the build's `404.html` with status 404, else `/index.html` when the
 * environment is a single-page app, else a short plain 404. Storage failures reject.
 */
export async function serveSite(request: SiteRequest, deps: SiteDeps): Promise<SiteResponse> {
  if (request.method !== "GET" && request.method !== "HEAD") {
    return textResponse(405, `Method ${request.method} is not allowed: sites are read with GET or HEAD.`, { Allow: "GET, HEAD" });
  }
  const response = await answer(request, deps);
  return request.method === "HEAD" ? { ...response, body: Buffer.alloc(0) } : response;
}

async function answer(request: SiteRequest, deps: SiteDeps): Promise<SiteResponse> {
  const query = request.query ? `?${request.query}` : "";
  const target = parseSitePath(request.path);
  if (target.kind === "invalid") return textResponse(400, `Bad request: ${target.reason}.`);
  if (target.kind === "incomplete") {
    return textResponse(404, "Not found. Sites are served at /<owner>/<repo>/<environment>/, for example /octo/hello/pr-12/.");
  }
  const name = `${target.owner}/${target.repo}`;
  const environment = await deps.environments.get(target.owner, target.repo, target.environment);
  if (!environment) return textResponse(404, `Not found: ${name} has no environment "${target.environment}".`);
  if (environment.state === "removed") {
    return textResponse(404, `Not found: the environment "${target.environment}" of ${name} was removed (its pull request was closed, or the preview expired).`);
  }
  if (target.kind === "environment-root") return redirect(`./${target.lastSegment}/${query}`);

  const found = await findFile(environment, target.file, target.lastSegment, deps.blobs);
  if (!found) return textResponse(404, `Not found: /${target.file} in the environment "${target.environment}" of ${name}.`);
  if ("redirectTo" in found) return redirect(`${found.redirectTo}${query}`);
  return fileResponse(environment, found, request.ifNoneMatch);
}

async function findFile(environment: EnvironmentRecord, file: string, lastSegment: string, blobs: Pick<BlobStore, "get">): Promise<Found | undefined> {
  const read = async (path: string, status: 200 | 404 = 200): Promise<Found | undefined> => {
    const blob = await blobs.get(buildFileKey(environment.owner, environment.repo, environment.buildKey, path));
    return blob ? { path, blob, status } : undefined;
  };
  if (file === "" || file.endsWith("/")) {
    const index = await read(`${file}index.html`);
    if (index) return index;
  } else {
    const exact = await read(file);
    if (exact) return exact;
    // Clean URLs: `/docs` is the folder `docs/`; redirect rather than serve, so the page's
    // relative links resolve inside the folder.
    if (await read(`${file}/index.html`)) return { redirectTo: `./${lastSegment}/` };
  }
  return (await read("404.html", 404)) ?? (environment.spa ? await read("index.html") : undefined);
}

function fileResponse(environment: EnvironmentRecord, found: Extract<Found, { blob: Blob }>, ifNoneMatch: string | undefined): SiteResponse {
  // A build is immutable, so its key and the file's path identify the bytes exactly.
  const etag = `"${createHash("sha256").update(`${environment.buildKey}\0${found.path}`).digest("base64url").slice(0, 27)}"`;
  const headers: Record<string, string> = {
    "Content-Type": found.blob.contentType,
    "Cache-Control": found.blob.contentType.startsWith("text/html") ? "no-cache" : ASSET_CACHE,
    ETag: etag,
    "X-Content-Type-Options": "nosniff",
  };
  if (found.status === 200 && matches(ifNoneMatch, etag)) return { status: 304, headers, body: Buffer.alloc(0) };
  return { status: found.status, headers: { ...headers, "Content-Length": String(found.blob.body.length) }, body: found.blob.body };
}

/** `If-None-Match` holds a list of tags, possibly weak (`W/"…"`), or `*`. */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((tag) => {
    const trimmed = tag.trim();
    return trimmed === "*" || trimmed.replace(/^W\//, "") === etag;
  });
}

/**
 * A relative Location resolves against the request URL, so the site base need not be known
 * here; it starts with `./` so a segment such as `a:b` is never read as a URL scheme.
 */
function redirect(location: string): SiteResponse {
  return textResponse(308, `Moved to ${location}`, { Location: location, "Cache-Control": "public, max-age=300" });
}
