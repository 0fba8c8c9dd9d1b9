/** Where a request under the site base points. */
export type SitePath =
  /** `/<owner>/<repo>/<environment>` without the slash: relative links need the slash form. */
  | { kind: "environment-root"; owner: string; repo: string; environment: string; lastSegment: string }
  /** A file or folder (ending in `/`, or `""` for the root) of an environment. */
  | { kind: "file"; owner: string; repo: string; environment: string; file: string; lastSegment: string }
  /** Fewer than three segments: no environment is named. */
  | { kind: "incomplete" }
  /** Malformed or hostile; `reason` says why, for a 400 answer. */
  | { kind: "invalid"; reason: string };

function decodeSegment(raw: string): { value: string } | { reason: string } {
  let value: string;
  try {
    value = decodeURIComponent(raw);
  } catch {
    return { reason: `the path segment "${raw}" is not valid percent-encoding` };
  }
  if (value === "." || value === "..") return { reason: `the path has a "${value}" segment` };
  if (value.includes("/")) return { reason: "the path has an encoded slash (%2F) in a segment" };
  if (value.includes("\\")) return { reason: "the path has a backslash" };
  if (value.includes("\0")) return { reason: "the path has a NUL character" };
  return { value };
}

/**
 * Splits a site path (`/<owner>/<repo>/<environment>/<file>`, as sent, still percent-encoded)
 * into its parts, decoding each segment on its own so an encoded `/` or `..` cannot change
 * which object is read. Browsers resolve dot segments before sending, so any that arrive are
 * refused rather than resolved.
 */
export function parseSitePath(path: string): SitePath {
  if (!path.startsWith("/")) return { kind: "invalid", reason: "the path does not start with /" };
  const rawSegments = path.slice(1).split("/");
  const decoded: string[] = [];
  for (const [index, raw] of rawSegments.entries()) {
    // Only the last segment may be empty: it marks a folder.
    if (raw === "" && index < rawSegments.length - 1) {
      return index < 3 ? { kind: "incomplete" } : { kind: "invalid", reason: "the path has an empty segment (//)" };
    }
    const segment = decodeSegment(raw);
    if ("reason" in segment) return { kind: "invalid", reason: segment.reason };
    decoded.push(segment.value);
  }
  const [owner, repo, environment, ...rest] = decoded;
  if (!owner || !repo || !environment) return { kind: "incomplete" };
  const lastSegment = rawSegments.at(-1) ?? "";
  if (rest.length === 0) return { kind: "environment-root", owner, repo, environment, lastSegment };
  return { kind: "file", owner, repo, environment, file: rest.join("/"), lastSegment };
}

/** A path on an environment's own origin (`/<file>`), or why it is refused. */
export type HostPath = { kind: "file"; file: string; lastSegment: string } | { kind: "invalid"; reason: string };

/**
 * Splits a path on an environment's own origin (`/css/a.css`, still percent-encoded) into the
 * file it names, decoding each segment on its own with the same refusals as {@link parseSitePath}.
 */
export function parseHostPath(path: string): HostPath {
  if (!path.startsWith("/")) return { kind: "invalid", reason: "the path does not start with /" };
  const rawSegments = path.slice(1).split("/");
  const decoded: string[] = [];
  for (const [index, raw] of rawSegments.entries()) {
    if (raw === "" && index < rawSegments.length - 1) return { kind: "invalid", reason: "the path has an empty segment (//)" };
    const segment = decodeSegment(raw);
    if ("reason" in segment) return { kind: "invalid", reason: segment.reason };
    decoded.push(segment.value);
  }
  return { kind: "file", file: decoded.join("/"), lastSegment: rawSegments.at(-1) ?? "" };
}
