import semver from "semver";
import type { Packument } from "./fetch-packument";

/**
 * The published version that is higher than `version`, if there is one, when `version` would
 * take the `latest` tag: npm's client refuses to move `latest` back that way (a release of an
 * older line must name its own tag). Prereleases and deprecated versions do not count, as in npm.
 */
export function higherPublishedVersion(packument: Packument | undefined, version: string): string | undefined {
  if (!packument) return undefined;
  const candidates = Object.keys(packument.versions).filter((listed) => {
    const parsed = semver.parse(listed);
    return parsed !== null && parsed.prerelease.length === 0 && !packument.versions[listed]?.deprecated;
  });
  const highest = semver.rsort(candidates)[0];
  return highest !== undefined && semver.valid(version) && semver.gt(highest, version) ? highest : undefined;
}
