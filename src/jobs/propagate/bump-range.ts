import semver from "semver";

/** A dependency range Slipway cannot move to a new version while keeping the author's intent. */
export class UnsupportedRangeError extends Error {
  override name = "UnsupportedRangeError";
}

const SIMPLE_RANGE = /^(\^|~|>=|=|v)?\s*(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)$/;

/**
 * The range `range` moved to `version`, keeping its operator: `^1.0.0` → `^1.2.0`, `~1.0.0` →
 * `~1.2.0`, `1.0.0` → `1.2.0`, `>=1.0.0` → `>=1.2.0`. Anything else (a union, a hyphen range, a
 * tag, a git or file URL) is refused with a reason, rather than rewritten into something the
 * repository's authors did not choose.
 */
export function bumpRange(range: string, version: string): string {
  if (!semver.valid(version)) throw new UnsupportedRangeError(`${version} is not a semantic version`);
  const match = SIMPLE_RANGE.exec(range.trim());
  if (!match) {
    throw new UnsupportedRangeError(`the range "${range}" is not one Slipway rewrites (it rewrites ^x.y.z, ~x.y.z, x.y.z and >=x.y.z); update it by hand`);
  }
  const operator = match[1] === "v" ? "" : (match[1] ?? "");
  return `${operator}${version}`;
}

/** The lowest version `range` allows, when it names one (`^1.2.0` → `1.2.0`). */
export function rangeVersion(range: string): string | undefined {
  return SIMPLE_RANGE.exec(range.trim())?.[2];
}
