import { createHash } from "node:crypto";
import type { Blob, BlobStore } from "../blobs/blob-store";
import { buildFileKey } from "../blobs/blob-store";
import type { EnvironmentRecord } from "../model/records";
import { textResponse, type SiteResponse } from "./site-response";

/** A file of the build to answer with, or a redirect to the folder form of the path. */
type Found = { path: string; blob: Blob; status: 200 | 404 } | { redirectTo: string };

/** Where a file is asked for, and how the answer may be cached. */
export interface FileRequest {
  /** `<owner>/<repo>` as the request named it, for messages. */
  siteName: string;
  /** Decoded path under the site's root: `""` for the root, ending in `/` for a folder. */
  file: string;
  /** The last path segment as sent, for relative redirects. */
  lastSegment: string;
  query?: string;
  ifNoneMatch?: string;
  /** Whether shared caches may keep the answer: never for an environment of a private repository. */
  cache: "public" | "private";
}

/**
 * Serves one file of an environment's build. Folders serve their `index.html`; a name that is a
 * folder redirects to its slash form (so relative links work); a miss serves the build's
 * `404.html` with status 404, else `/index.html` when the environment is a single-page app,
 * else a short plain 404. Storage failures reject.
 */
export async function serveEnvironmentFile(environment: EnvironmentRecord, request: FileRequest, blobs: Pick<BlobStore, "get">): Promise<SiteResponse> {
  const found = await findFile(environment, request.file, request.lastSegment, blobs);
  if (!found) return textResponse(404, `Not found: /${request.file} in the environment "${environment.name}" of ${request.siteName}.`);
  if ("redirectTo" in found) return redirect(`${found.redirectTo}${request.query ? `?${request.query}` : ""}`, request.cache);
  return fileResponse(environment, found, request);
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

function fileResponse(environment: EnvironmentRecord, found: Extract<Found, { blob: Blob }>, request: FileRequest): SiteResponse {
  // A build is immutable, so its key and the file's path identify the bytes exactly.
  const etag = `"${createHash("sha256").update(`${environment.buildKey}\0${found.path}`).digest("base64url").slice(0, 27)}"`;
  // Assets stay fresh briefly only: the same URL serves a new build when the environment moves.
  const headers: Record<string, string> = {
    "Content-Type": found.blob.contentType,
    "Cache-Control": found.blob.contentType.startsWith("text/html") ? (request.cache === "public" ? "no-cache" : "private, no-cache") : `${request.cache}, max-age=60`,
    ETag: etag,
  };
  if (found.status === 200 && matches(request.ifNoneMatch, etag)) return { status: 304, headers, body: Buffer.alloc(0) };
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
export function redirect(location: string, cache: "public" | "private" = "public"): SiteResponse {
  return textResponse(308, `Moved to ${location}`, { Location: location, "Cache-Control": `${cache}, max-age=300` });
}
