import { comparePackument } from "../../../../../src/jobs/publish/targets/npm/compare-packument";
import { PackumentSchema } from "../../../../../src/jobs/publish/targets/npm/fetch-packument";
import { higherPublishedVersion } from "../../../../../src/jobs/publish/targets/npm/latest-tag-check";

const tarball = { integrity: "sha512-NEW/NEWNEWNEW==", shasum: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" };

/** A package document as the public registry serves it (`Accept: application/json`), trimmed. */
function packument(versions: Record<string, { integrity?: string; shasum?: string; deprecated?: string }>, time: Record<string, unknown> = {}) {
  return PackumentSchema.parse({
    _id: "acme-core",
    name: "acme-core",
    "dist-tags": { latest: Object.keys(versions).at(-1) },
    versions: Object.fromEntries(
      Object.entries(versions).map(([version, { integrity, shasum, deprecated }]) => [
        version,
        { name: "acme-core", version, ...(deprecated ? { deprecated } : {}), dist: { ...(integrity ? { integrity } : {}), shasum: shasum ?? "b".repeat(40), tarball: `https://registry.example/acme-core/-/acme-core-${version}.tgz` } },
      ]),
    ),
    time: { created: "2026-01-01T00:00:00.000Z", modified: "2026-06-01T00:00:00.000Z", ...Object.fromEntries(Object.keys(versions).map((v) => [v, "2026-01-01T00:00:00.000Z"])), ...time },
  });
}

describe("comparePackument", () => {
  it("is absent for a package the registry has never seen", () => {
    expect(comparePackument(undefined, "acme-core", "1.2.3", tarball)).toEqual({ state: "absent" });
  });

  it("is absent when other versions exist but not this one", () => {
    expect(comparePackument(packument({ "1.2.2": { integrity: "sha512-OLD==" } }), "acme-core", "1.2.3", tarball)).toEqual({ state: "absent" });
  });

  it("is identical for the same integrity", () => {
    expect(comparePackument(packument({ "1.2.3": { integrity: tarball.integrity } }), "acme-core", "1.2.3", tarball)).toEqual({
      state: "identical",
      detail: `acme-core@1.2.3 is already published with integrity ${tarball.integrity}`,
    });
  });

  it("compares the sha1 shasum of versions published before integrity existed", () => {
    expect(comparePackument(packument({ "1.2.3": { shasum: tarball.shasum } }), "acme-core", "1.2.3", tarball).state).toBe("identical");
    expect(comparePackument(packument({ "1.2.3": { shasum: "c".repeat(40) } }), "acme-core", "1.2.3", tarball).state).toBe("different");
  });

  it("is different for the same version with another integrity", () => {
    expect(comparePackument(packument({ "1.2.3": { integrity: "sha512-OTHER==" } }), "acme-core", "1.2.3", tarball)).toEqual({
      state: "different",
      detail: `acme-core@1.2.3 is already published with integrity sha512-OTHER==, but this release packs to ${tarball.integrity}. A published version cannot be replaced: release a new version.`,
    });
  });

  it("is different for a version that was unpublished: still in `time`, gone from `versions`", () => {
    const unpublished = packument({ "1.2.4": { integrity: "sha512-X==" } }, { "1.2.3": "2026-02-01T00:00:00.000Z" });
    expect(comparePackument(unpublished, "acme-core", "1.2.3", tarball)).toEqual({
      state: "different",
      detail: "acme-core@1.2.3 was published and then unpublished; the registry never allows a version number to be used again. Release a new version.",
    });
  });

  it("is different for a version of a package that was unpublished whole", () => {
    const tombstone = PackumentSchema.parse({
      name: "acme-core",
      time: { created: "2026-01-01T00:00:00.000Z", modified: "2026-03-01T00:00:00.000Z", unpublished: { time: "2026-03-01T00:00:00.000Z", versions: ["1.2.2", "1.2.3"] } },
    });
    expect(comparePackument(tombstone, "acme-core", "1.2.3", tarball).state).toBe("different");
    expect(comparePackument(tombstone, "acme-core", "1.2.4", tarball).state).toBe("absent");
  });
});

describe("higherPublishedVersion", () => {
  it("names a higher stable version that `latest` would be moved back from", () => {
    expect(higherPublishedVersion(packument({ "1.2.3": {}, "2.0.0": {}, "10.0.0": {} }), "1.2.4")).toBe("10.0.0");
  });

  it("ignores prereleases and deprecated versions, as npm does", () => {
    expect(higherPublishedVersion(packument({ "1.2.3": {}, "3.0.0-rc.1": {}, "2.0.0": { deprecated: "broken" } }), "1.2.4")).toBeUndefined();
  });

  it("has nothing to say about a new package or a higher version", () => {
    expect(higherPublishedVersion(undefined, "1.0.0")).toBeUndefined();
    expect(higherPublishedVersion(packument({ "1.2.3": {} }), "1.2.4")).toBeUndefined();
  });
});
