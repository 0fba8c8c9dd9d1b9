import { load } from "js-yaml";
import nock from "nock";
import { z } from "zod";
import { bindTarget, ForeignPreparedError } from "../../../../src/jobs/publish/targets/bind-target";
import { secretReferences } from "../../../../src/jobs/publish/targets/secret-references";
import { PublishTargetSchema } from "../../../../src/jobs/publish/targets/target-types";
import { API } from "../../../helpers/github-api";
import { testOctokit } from "../../../github/test-octokit";
import { releaseAsset, releaseInfo } from "./release-fixture";

/** The `publish.targets` of the specification's example. */
const SPEC_TARGETS = load(`
npm:
  type: npm
  dir: packages/core
  registry: https://registry.npmjs.org/
  token: NPM_TOKEN
  access: public
pypi:
  type: pypi
  assets: ["*.whl", "*.tar.gz"]
  repository: https://upload.pypi.org/legacy/
  token: PYPI_TOKEN
mirror:
  type: s3
  assets: ["*"]
  bucket: downloads
  prefix: "site/{version}/"
  region: us-east-1
  endpoint: https://s3.example.test
  access_key_id: MIRROR_KEY_ID
  secret_access_key: MIRROR_SECRET
homebrew:
  type: homebrew
  tap: acme/homebrew-tap
  formula: site
  asset: "site-*-darwin-arm64.tar.gz"
  needs: [mirror]
`) as Record<string, unknown>;

const targets = z.record(z.string(), PublishTargetSchema);

function problems(entry: unknown): string[] {
  const result = PublishTargetSchema.safeParse(entry);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
}

describe("PublishTargetSchema", () => {
  it("accepts the specification's example, with `needs` defaulting to none", () => {
    const parsed = targets.parse(SPEC_TARGETS);
    expect(parsed.npm).toMatchObject({ type: "npm", dir: "packages/core", access: "public", needs: [] });
    expect(parsed.homebrew).toMatchObject({ needs: ["mirror"] });
    expect(parsed.mirror).toMatchObject({ prefix: "site/{version}/", endpoint: "https://s3.example.test" });
  });

  it("names each bad key and why", () => {
    expect(problems({ type: "npm", dir: "a", asset: "*.tgz", registry: "https://r.test/", token: "T" })).toEqual([": set exactly one of `dir` and `asset`"]);
    expect(problems({ type: "npm", dir: "../up", registry: "https://r.test/", token: "T" })).toEqual(["dir: must be a folder inside the repository (relative, without '..')"]);
    expect(problems({ type: "pypi", assets: ["dist/*.whl"], repository: "https://u.test/legacy/", token: "T" })).toEqual(["assets.0: release asset names have no folders: remove the '/'"]);
    expect(problems({ type: "s3", assets: ["[abc"], bucket: "b", access_key_id: "A", secret_access_key: "S" })).toEqual(["assets.0: is not a valid glob (check its brackets and braces)"]);
    expect(problems({ type: "homebrew", tap: "acme", formula: "site", asset: "*.tar.gz" })).toEqual(["tap: must be a repository as owner/name, e.g. acme/homebrew-tap"]);
    expect(problems({ type: "npm", dir: ".", registry: "https://r.test/", token: "npm_abc-123" })).toEqual([
      "token: must be the name of a secret under `secrets:` (letters, digits and '_'), not the secret itself",
    ]);
    expect(problems({ type: "ftp" })).toHaveLength(1);
  });
});

describe("secretReferences", () => {
  it("lists each secret a target names, with the key that names it", () => {
    const parsed = targets.parse(SPEC_TARGETS);
    expect(Object.entries(parsed).flatMap(([name, config]) => secretReferences(name, config))).toEqual([
      { key: "publish.targets.npm.token", secret: "NPM_TOKEN" },
      { key: "publish.targets.pypi.token", secret: "PYPI_TOKEN" },
      { key: "publish.targets.mirror.access_key_id", secret: "MIRROR_KEY_ID" },
      { key: "publish.targets.mirror.secret_access_key", secret: "MIRROR_SECRET" },
    ]);
  });
});

describe("bindTarget", () => {
  // Inside the describe, so it runs before the global clean-up of nock: every mock was used.
  afterEach(() => expect(nock.pendingMocks()).toEqual([]));

  const ctx = {
    release: releaseInfo([releaseAsset("site-1.2.3-darwin-arm64.tar.gz", Buffer.from("build"))]),
    secrets: {},
    log: () => {},
    github: { release: testOctokit(), repository: async () => testOctokit() },
  };

  it("runs a target's steps with its name and config, and keeps each prepared value to its own target", async () => {
    const parsed = targets.parse(SPEC_TARGETS);
    const homebrew = bindTarget("homebrew", parsed.homebrew!);
    const mirror = bindTarget("mirror", parsed.mirror!);
    const tap = nock(API).get("/repos/acme/homebrew-tap/contents/Formula%2Fsite.rb").reply(404, { message: "Not Found", status: "404" });

    const prepared = await homebrew.prepare(ctx);

    await expect(homebrew.probe(ctx, prepared)).rejects.toThrow("Formula/site.rb does not exist on the default branch of acme/homebrew-tap");
    await expect(mirror.probe(ctx, prepared)).rejects.toThrow(ForeignPreparedError);
    tap.done();
  });
});
