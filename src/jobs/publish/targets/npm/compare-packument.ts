import type { Packument } from "./fetch-packument";

export type PackumentComparison =
  | { state: "absent" }
  | { state: "identical"; detail: string }
  | { state: "different"; detail: string };

/**
 * What the registry holds for `version` compared with the tarball about to be published:
 * - the version is listed with the same `dist.integrity` (or, for documents that predate
 *   integrity, the same `dist.shasum`) → identical;
 * - listed with another → different (a published version is never replaced);
 * - in `time` but not in `versions`, or among the versions of a package unpublished whole →
 *   different: it was unpublished, and registries never let a version be used again;
 * - otherwise absent.
 */
export function comparePackument(
  packument: Packument | undefined,
  name: string,
  version: string,
  tarball: { integrity: string; shasum: string },
): PackumentComparison {
  if (!packument) return { state: "absent" };
  const listed = packument.versions[version];
  if (listed) {
    const { integrity, shasum } = listed.dist ?? {};
    if (integrity ? integrity === tarball.integrity : shasum === tarball.shasum) {
      return { state: "identical", detail: `${name}@${version} is already published with integrity ${integrity ?? `sha1 ${shasum}`}` };
    }
    return {
      state: "different",
      detail: `${name}@${version} is already published with integrity ${integrity ?? `sha1 ${shasum ?? "unknown"}`}, but this release packs to ${tarball.integrity}. A published version cannot be replaced: release a new version.`,
    };
  }
  if (version in packument.time || unpublishedVersions(packument).includes(version)) {
    return {
      state: "different",
      detail: `${name}@${version} was published and then unpublished; the registry never allows a version number to be used again. Release a new version.`,
    };
  }
  return { state: "absent" };
}

/** Versions of a package that was unpublished whole: `time.unpublished.versions`. */
function unpublishedVersions(packument: Packument): string[] {
  const unpublished = packument.time.unpublished;
  if (typeof unpublished !== "object" || unpublished === null || !("versions" in unpublished) || !Array.isArray(unpublished.versions)) return [];
  return unpublished.versions.filter((entry): entry is string => typeof entry === "string");
}
