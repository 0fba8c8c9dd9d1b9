import { createHash } from "node:crypto";
import { combinedDigest } from "../../../../src/jobs/publish/targets/combined-digest";
import { redactSecrets } from "../../../../src/jobs/publish/targets/common/redact-secrets";
import { releaseVersion } from "../../../../src/jobs/publish/targets/release-version";
import { selectAssets } from "../../../../src/jobs/publish/targets/select-assets";
import { TargetConfigError } from "../../../../src/jobs/publish/targets/common/target-errors";
import { normalizeProjectName, parseDistFilename } from "../../../../src/jobs/publish/targets/pypi/dist-filename";
import { jsonApiBase } from "../../../../src/jobs/publish/targets/pypi/index-urls";
import { metadataFields } from "../../../../src/jobs/publish/targets/pypi/metadata-fields";
import { ReleaseAssetSchema } from "../../../../src/github/release-asset";
import { releaseAsset, releaseInfo } from "./release-fixture";

describe("releaseVersion", () => {
  it.each([
    ["v1.2.3", "1.2.3"],
    ["V2.0.0-rc.1", "2.0.0-rc.1"],
    ["1.2.3", "1.2.3"],
    ["version-2", "version-2"],
    ["v", "v"],
  ])("reads %j as %j", (tag, version) => {
    expect(releaseVersion(tag)).toBe(version);
  });
});

describe("redactSecrets", () => {
  it("masks each secret, also URL-encoded, and leaves short values alone", () => {
    expect(redactSecrets("token a+b/c= and a%2Bb%2Fc%3D, id 7", { T: "a+b/c=", ID: "7" })).toBe("token *** and ***, id 7");
  });
});

describe("selectAssets", () => {
  const assets = [releaseAsset("site-1.2.3.tar.gz", Buffer.from("a")), releaseAsset("notes.txt", Buffer.from("b")), releaseAsset("core-1.2.3.whl", Buffer.from("c"))];

  it("takes the uploaded assets matching any glob, sorted by name", () => {
    const open = ReleaseAssetSchema.parse({ ...releaseAsset("zzz.tar.gz", Buffer.from("z")), state: "open" });
    expect(selectAssets(releaseInfo([...assets, open]), ["*.tar.gz", "*.whl"], "k").map((a) => a.name)).toEqual(["core-1.2.3.whl", "site-1.2.3.tar.gz"]);
  });

  it("fails, naming the assets there are, when nothing matches", () => {
    expect(() => selectAssets(releaseInfo(assets), ["*.dmg"], "publish.targets.mac.assets")).toThrow(TargetConfigError);
    expect(() => selectAssets(releaseInfo(assets), ["*.dmg"], "publish.targets.mac.assets")).toThrow(
      'no asset of release v1.2.3 matches "*.dmg" (publish.targets.mac.assets); its assets are site-1.2.3.tar.gz, notes.txt, core-1.2.3.whl. Fix the glob or attach the file, then re-run.',
    );
  });
});

describe("combinedDigest", () => {
  it("is the only artifact's digest, or the SHA-256 of a sorted SHA256SUMS listing", () => {
    expect(combinedDigest([{ name: "a", size: 1, digest: "sha512-x" }])).toBe("sha512-x");
    const listing = `${"1".repeat(64)}  a.whl\n${"2".repeat(64)}  b.tar.gz\n`;
    expect(combinedDigest([{ name: "b.tar.gz", size: 1, digest: `sha256:${"2".repeat(64)}` }, { name: "a.whl", size: 1, digest: `sha256:${"1".repeat(64)}` }])).toBe(
      `sha256:${createHash("sha256").update(listing).digest("hex")}`,
    );
  });
});

describe("parseDistFilename", () => {
  it("reads wheel names, with and without a build tag", () => {
    expect(parseDistFilename("acme_core-1.2.3-py3-none-any.whl")).toEqual({ kind: "wheel", name: "acme_core", version: "1.2.3", filetype: "bdist_wheel", pyversion: "py3" });
    expect(parseDistFilename("acme_core-1.2.3-1-cp312-cp312-manylinux_2_17_x86_64.whl")).toMatchObject({ version: "1.2.3", pyversion: "cp312" });
  });

  it("reads sdist names, old ones with dashes in the name too", () => {
    expect(parseDistFilename("acme_core-1.2.3.tar.gz")).toEqual({ kind: "sdist", name: "acme_core", version: "1.2.3", filetype: "sdist", pyversion: "source" });
    expect(parseDistFilename("acme-core-1.2.3rc1.tar.gz")).toMatchObject({ name: "acme-core", version: "1.2.3rc1" });
  });

  it("knows nothing else", () => {
    for (const name of ["acme-core-docs.tar.gz", "acme_core-1.2.3.zip", "acme-1.2.3-py3.whl", "notes.txt"]) expect(parseDistFilename(name)).toBeUndefined();
  });

  it("normalises project names as the index compares them", () => {
    expect(normalizeProjectName("Acme__Core.Tools")).toBe("acme-core-tools");
  });
});

describe("metadataFields", () => {
  it("maps core metadata headers to the upload form's fields, repeated ones once per value, the body as the description", () => {
    const text = "Metadata-Version: 2.1\nName: acme-core\nVersion: 1.2.3\nHome-page: https://acme.test\nClassifier: A\nClassifier: B\nRequires-Dist: requests>=2\nProject-URL: Docs, https://acme.test/docs\nLicense: UNKNOWN\n\n# Title\n\nBody\n";
    expect(metadataFields(text)).toEqual([
      ["metadata_version", "2.1"],
      ["name", "acme-core"],
      ["version", "1.2.3"],
      ["home_page", "https://acme.test"],
      ["classifiers", "A"],
      ["classifiers", "B"],
      ["requires_dist", "requests>=2"],
      ["project_urls", "Docs, https://acme.test/docs"],
      ["description", "# Title\n\nBody\n"],
    ]);
  });

  it("unfolds an old-style Description header", () => {
    expect(metadataFields("Metadata-Version: 1.1\nName: a\nVersion: 1\nDescription: line one\n        |line two\n")).toContainEqual(["description", "line one\nline two"]);
  });
});

describe("jsonApiBase", () => {
  it("drops a leading `upload.` from the upload host, and keeps other hosts and ports", () => {
    expect(jsonApiBase("https://upload.pypi.org/legacy/")).toBe("https://pypi.org");
    expect(jsonApiBase("http://127.0.0.1:8080/legacy/")).toBe("http://127.0.0.1:8080");
  });
});
