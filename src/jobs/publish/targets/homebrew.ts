import { z } from "zod";
import { readRepoFile } from "../../../github/read-repo-file";
import type { ReleaseAsset } from "../../../github/release-asset";
import type { RepoFile } from "../../../github/read-repo-file";
import { RepoFileChangedError, writeRepoFile } from "../../../github/write-repo-file";
import { assetGlob, needs } from "./config-fields";
import { FormulaShapeError, readFormula, rewriteFormula } from "./homebrew/rewrite-formula";
import { selectAssets } from "./select-assets";
import { stageAsset } from "./common/stage-asset";
import { TargetConfigError, TargetConflictError, TargetCredentialsError, TargetUnavailableError } from "./common/target-errors";
import type { PreparedPublish, RepoFileOctokit, TargetContext, TargetDescriptor } from "./common/target";

export const HomebrewTargetSchema = z
  .strictObject({
    type: z.literal("homebrew").describe("Points a formula of a Homebrew tap at the release."),
    needs,
    tap: z
      .string()
      .regex(/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/, "must be a repository as owner/name, e.g. acme/homebrew-tap")
      .describe("The tap's repository (owner/name); Slipway must be installed on it."),
    formula: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9@._+-]*$/, "must be a formula name such as `site`")
      .describe("The formula to update: `Formula/<formula>.rb`, which must exist."),
    asset: assetGlob.describe("Glob naming the one release asset the formula downloads."),
  })
  .describe("A Homebrew tap publish target.");

export type HomebrewTargetConfig = z.output<typeof HomebrewTargetSchema>;
type Context = TargetContext<HomebrewTargetConfig>;

interface PreparedFormula extends PreparedPublish {
  asset: ReleaseAsset;
  sha256: string;
}

function formulaPath(ctx: Context): string {
  return `Formula/${ctx.config.formula}.rb`;
}

async function tapClient(ctx: Context): Promise<{ octokit: RepoFileOctokit; owner: string; repo: string }> {
  const [owner = "", repo = ""] = ctx.config.tap.split("/");
  try {
    return { octokit: await ctx.github.repository(owner, repo), owner, repo };
  } catch (error) {
    throw new TargetCredentialsError(
      `Slipway cannot act on the tap ${ctx.config.tap} (${error instanceof Error ? error.message : String(error)}); install the app on it with read and write access to contents.`,
    );
  }
}

/** The formula as it is on the tap's default branch; a missing one is a clear failure. */
async function readTapFormula(ctx: Context, octokit: RepoFileOctokit, owner: string, repo: string): Promise<RepoFile> {
  const file = await readRepoFile(octokit, { owner, repo, path: formulaPath(ctx) });
  if (!file) {
    throw new TargetConfigError(
      `${formulaPath(ctx)} does not exist on the default branch of ${ctx.config.tap}; Slipway updates an existing formula, so commit a first version of it there (or fix publish.targets.${ctx.name}.formula).`,
    );
  }
  return file;
}

type Comparison = { state: "absent"; was: string; text: string } | { state: "identical" } | { state: "different"; detail: string };

/** The formula compared with the one this release would commit. */
function compare(ctx: Context, prepared: PreparedFormula, file: RepoFile): Comparison {
  const release = { url: prepared.asset.browser_download_url, sha256: prepared.sha256, version: ctx.release.version };
  let current;
  let text;
  try {
    current = readFormula(file.text);
    text = rewriteFormula(file.text, release);
  } catch (error) {
    if (error instanceof FormulaShapeError) throw new TargetConfigError(`${formulaPath(ctx)} in ${ctx.config.tap} cannot be updated: ${error.message}.`);
    throw error;
  }
  if (text === file.text) return { state: "identical" };
  if (current.url === release.url && current.sha256 !== release.sha256) {
    return {
      state: "different",
      detail: `${formulaPath(ctx)} in ${ctx.config.tap} already downloads ${release.url} with sha256 ${current.sha256}, but the asset has ${release.sha256}; it was not changed. Check the asset, or release a new version.`,
    };
  }
  return { state: "absent", was: current.version ?? current.url, text };
}

/** A formula of a tap rewritten to download the release's asset; identical = the same formula text. */
export const homebrewTarget: TargetDescriptor<"homebrew", HomebrewTargetConfig, PreparedFormula> = {
  type: "homebrew",
  schema: HomebrewTargetSchema,
  secretKeys: [],

  async verifyCredentials(ctx) {
    const { octokit, owner, repo } = await tapClient(ctx);
    await readTapFormula(ctx, octokit, owner, repo);
    return { detail: `read ${formulaPath(ctx)} from ${ctx.config.tap}` };
  },

  async prepare(ctx) {
    const matches = selectAssets(ctx.release, [ctx.config.asset], `publish.targets.${ctx.name}.asset`);
    const [asset, ...others] = matches;
    if (!asset || others.length > 0) {
      throw new TargetConfigError(
        `publish.targets.${ctx.name}.asset ${JSON.stringify(ctx.config.asset)} matches ${matches.length} assets (${matches.map((a) => a.name).join(", ")}); make it match the one the formula downloads.`,
      );
    }
    // Only the digest is needed: with GitHub's, nothing is downloaded at all.
    const staged = await stageAsset(ctx, asset);
    await staged.dispose();
    return {
      summary: `${formulaPath(ctx)} in ${ctx.config.tap} → ${asset.name} (sha256 ${staged.sha256})`,
      artifacts: [{ name: asset.name, size: asset.size, digest: `sha256:${staged.sha256}` }],
      asset,
      sha256: staged.sha256,
      dispose: async () => {},
    };
  },

  async probe(ctx, prepared) {
    const { octokit, owner, repo } = await tapClient(ctx);
    const file = await readTapFormula(ctx, octokit, owner, repo);
    const found = compare(ctx, prepared, file);
    if (found.state === "identical") {
      return { state: "identical", detail: `${formulaPath(ctx)} already points at ${prepared.asset.name} ${ctx.release.version}`, link: file.htmlUrl, digest: `sha256:${prepared.sha256}` };
    }
    if (found.state === "different") return found;
    return { state: "absent", detail: `${formulaPath(ctx)} is at ${found.was}; it will point at ${ctx.release.version}` };
  },

  async publish(ctx, prepared) {
    const { octokit, owner, repo } = await tapClient(ctx);
    // Read again right before writing: the commit names this blob, so a change made in between is refused.
    const file = await readTapFormula(ctx, octokit, owner, repo);
    const found = compare(ctx, prepared, file);
    const result = { link: file.htmlUrl, digest: `sha256:${prepared.sha256}`, artifacts: prepared.artifacts };
    if (found.state === "identical") return result;
    if (found.state === "different") throw new TargetConflictError(found.detail);
    ctx.log(`committing ${formulaPath(ctx)} for ${ctx.release.version} to ${ctx.config.tap}`);
    try {
      const { commitUrl } = await writeRepoFile(octokit, { owner, repo, path: formulaPath(ctx), text: found.text, sha: file.sha, message: `${ctx.config.formula} ${ctx.release.version}` });
      return { ...result, link: commitUrl };
    } catch (error) {
      if (error instanceof RepoFileChangedError) throw new TargetUnavailableError(error.message);
      throw error;
    }
  },
};
