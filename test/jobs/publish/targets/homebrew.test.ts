import { createHash } from "node:crypto";
import nock from "nock";
import { homebrewTarget, HomebrewTargetSchema } from "../../../../src/jobs/publish/targets/homebrew";
import type { HomebrewTargetConfig } from "../../../../src/jobs/publish/targets/homebrew";
import { TargetConfigError, TargetConflictError, TargetCredentialsError, TargetUnavailableError } from "../../../../src/jobs/publish/targets/common/target-errors";
import type { ReleaseAsset } from "../../../../src/github/release-asset";
import { API } from "../../../helpers/github-api";
import { mockAssetDownload, releaseAsset, releaseInfo } from "./release-fixture";
import { targetContext } from "./target-context";
import type { TestTargetContext } from "./target-context";

const contexts: TestTargetContext<HomebrewTargetConfig>[] = [];
afterEach(() => {
  for (const ctx of contexts.splice(0)) ctx.cleanUp();
});

const CONTENTS = "/repos/acme/homebrew-tap/contents/Formula%2Fsite.rb";
const body = Buffer.from("the darwin-arm64 build of site 1.2.3");
const sha256 = createHash("sha256").update(body).digest("hex");

function formula(version: string, url: string, hash: string): string {
  return `class Site < Formula\n  desc "Ships static sites"\n  homepage "https://acme.test/site"\n  url "${url}"\n  sha256 "${hash}"\n  version "${version}"\n\n  def install\n    bin.install "site"\n  end\nend\n`;
}

function contentsAnswer(text: string, blob = "3d21ec53a331a6f037a91c368710b99387d012c1") {
  return {
    type: "file",
    encoding: "base64",
    size: Buffer.byteLength(text),
    name: "site.rb",
    path: "Formula/site.rb",
    content: Buffer.from(text).toString("base64"),
    sha: blob,
    url: `${API}${CONTENTS}?ref=main`,
    git_url: `${API}/repos/acme/homebrew-tap/git/blobs/${blob}`,
    html_url: "https://github.com/acme/homebrew-tap/blob/main/Formula/site.rb",
    download_url: "https://raw.githubusercontent.com/acme/homebrew-tap/main/Formula/site.rb",
  };
}

function context(assets: ReleaseAsset[], repository?: () => Promise<never>) {
  const config = HomebrewTargetSchema.parse({ type: "homebrew", tap: "acme/homebrew-tap", formula: "site", asset: "site-*-darwin-arm64.tar.gz", needs: ["mirror"] });
  const ctx = targetContext("homebrew", config, releaseInfo(assets), {});
  if (repository) ctx.github.repository = repository;
  contexts.push(ctx);
  return ctx;
}

const asset = releaseAsset("site-1.2.3-darwin-arm64.tar.gz", body);
const old = formula("1.2.2", "https://github.com/acme/web/releases/download/v1.2.2/site-1.2.2-darwin-arm64.tar.gz", "b".repeat(64));
const updated = formula("1.2.3", asset.browser_download_url, sha256);

describe("homebrew target", () => {
  // Inside the describe, so it runs before the global clean-up of nock: every mock was used.
  afterEach(() => expect(nock.pendingMocks()).toEqual([]));

  it("commits the formula rewritten for the asset to the tap's default branch, against the blob it read", async () => {
    const ctx = context([asset, releaseAsset("site-1.2.3-linux-x64.tar.gz", Buffer.from("linux"))]);
    const tap = nock(API)
      .get(CONTENTS)
      .times(3)
      .reply(200, contentsAnswer(old))
      .put(CONTENTS, { message: "site 1.2.3", content: Buffer.from(updated).toString("base64"), sha: "3d21ec53a331a6f037a91c368710b99387d012c1" })
      .reply(200, { content: contentsAnswer(updated, "9f1c2e"), commit: { sha: "c0ffee", html_url: "https://github.com/acme/homebrew-tap/commit/c0ffee" } });

    await expect(homebrewTarget.verifyCredentials(ctx)).resolves.toEqual({ detail: "read Formula/site.rb from acme/homebrew-tap" });
    const prepared = await homebrewTarget.prepare(ctx);
    await expect(homebrewTarget.probe(ctx, prepared)).resolves.toEqual({ state: "absent", detail: "Formula/site.rb is at 1.2.2; it will point at 1.2.3" });
    const published = await homebrewTarget.publish(ctx, prepared);

    expect(published).toEqual({
      link: "https://github.com/acme/homebrew-tap/commit/c0ffee",
      digest: `sha256:${sha256}`,
      artifacts: [{ name: "site-1.2.3-darwin-arm64.tar.gz", size: body.length, digest: `sha256:${sha256}` }],
    });
    // GitHub listed the asset's digest, so it was never downloaded (nock allows no other call).
    tap.done();
  });

  it("finds a formula already pointing at the asset identical, and commits nothing", async () => {
    const ctx = context([asset]);
    const tap = nock(API).get(CONTENTS).reply(200, contentsAnswer(updated));

    const prepared = await homebrewTarget.prepare(ctx);

    await expect(homebrewTarget.probe(ctx, prepared)).resolves.toEqual({
      state: "identical",
      detail: "Formula/site.rb already points at site-1.2.3-darwin-arm64.tar.gz 1.2.3",
      link: "https://github.com/acme/homebrew-tap/blob/main/Formula/site.rb",
      digest: `sha256:${sha256}`,
    });
    tap.done();
  });

  it("reports a formula with the asset's url but another sha256 as a conflict, and commits nothing", async () => {
    const ctx = context([asset]);
    const tap = nock(API).get(CONTENTS).times(2).reply(200, contentsAnswer(formula("1.2.3", asset.browser_download_url, "f".repeat(64))));

    const prepared = await homebrewTarget.prepare(ctx);
    const probe = await homebrewTarget.probe(ctx, prepared);

    expect(probe).toEqual({
      state: "different",
      detail: `Formula/site.rb in acme/homebrew-tap already downloads ${asset.browser_download_url} with sha256 ${"f".repeat(64)}, but the asset has ${sha256}; it was not changed. Check the asset, or release a new version.`,
    });
    await expect(homebrewTarget.publish(ctx, prepared)).rejects.toThrow(TargetConflictError);
    tap.done();
  });

  it("fails verifyCredentials when the app cannot act on the tap, and reads and writes nothing", async () => {
    const ctx = context([asset], () => Promise.reject(new Error("the app is not installed on acme/homebrew-tap")));

    const error: unknown = await homebrewTarget.verifyCredentials(ctx).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(TargetCredentialsError);
    expect((error as Error).message).toBe(
      "Slipway cannot act on the tap acme/homebrew-tap (the app is not installed on acme/homebrew-tap); install the app on it with read and write access to contents.",
    );
  });

  it("fails clearly when the formula does not exist", async () => {
    const ctx = context([asset]);
    const tap = nock(API).get(CONTENTS).reply(404, { message: "Not Found", documentation_url: "https://docs.github.com/rest/repos/contents#get-repository-content", status: "404" });

    const error: unknown = await homebrewTarget.verifyCredentials(ctx).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(TargetConfigError);
    expect((error as Error).message).toBe(
      "Formula/site.rb does not exist on the default branch of acme/homebrew-tap; Slipway updates an existing formula, so commit a first version of it there (or fix publish.targets.homebrew.formula).",
    );
    tap.done();
  });

  it("does not overwrite a formula changed between reading and committing, and says a retry will read it again", async () => {
    const ctx = context([asset]);
    const tap = nock(API)
      .get(CONTENTS)
      .reply(200, contentsAnswer(old))
      .put(CONTENTS)
      .reply(409, { message: "Formula/site.rb does not match 3d21ec53a331a6f037a91c368710b99387d012c1", status: "409" });

    const prepared = await homebrewTarget.prepare(ctx);
    const error: unknown = await homebrewTarget.publish(ctx, prepared).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(TargetUnavailableError);
    expect((error as TargetUnavailableError).retryable).toBe(true);
    tap.done();
  });

  it("computes the sha256 of an asset GitHub lists without a digest, leaving no file behind", async () => {
    const older = releaseAsset("site-1.2.3-darwin-arm64.tar.gz", body, { withDigest: false });
    const ctx = context([older]);
    const download = mockAssetDownload(older, body);

    const prepared = await homebrewTarget.prepare(ctx);

    expect(prepared.artifacts).toEqual([{ name: older.name, size: body.length, digest: `sha256:${sha256}` }]);
    expect(ctx.leftovers()).toEqual([]);
    for (const scope of download) scope.done();
  });
});
