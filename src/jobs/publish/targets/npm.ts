import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { z } from "zod";
import { RefNotFoundError, downloadTarball } from "../../../github/download-tarball";
import { DEFAULT_ARCHIVE_LIMITS } from "../../../providers/archive-limits";
import { assetGlob, needs, repositoryFolder, secretName } from "./config-fields";
import { comparePackument } from "./npm/compare-packument";
import { fetchPackument } from "./npm/fetch-packument";
import { higherPublishedVersion } from "./npm/latest-tag-check";
import { npmWhoami } from "./npm/npm-whoami";
import { packDirectory } from "./npm/pack-directory";
import { packageManifest } from "./npm/package-manifest";
import type { PackageManifest } from "./npm/package-manifest";
import { publishPackage } from "./npm/publish-package";
import { versionLink } from "./npm/registry-url";
import { writePackageFiles } from "./npm/write-package-files";
import { requireSecret } from "./require-secret";
import { selectAssets } from "./select-assets";
import { stageAsset } from "./common/stage-asset";
import { TargetConfigError, TargetConflictError, TargetVersionMismatchError } from "./common/target-errors";
import type { PreparedPublish, TargetContext, TargetDescriptor } from "./common/target";

/** The largest package published: npm's document carries the tarball base64-encoded, in memory. */
const MAX_PACKAGE_BYTES = 64 * 1024 * 1024;

export const NpmTargetSchema = z
  .strictObject({
    type: z.literal("npm").describe("Publishes an npm package."),
    needs,
    dir: repositoryFolder
      .optional()
      .describe("Folder of the repository packed at the release's tag by npm's own file rules (`packages/core`, `.`); no script runs. Set this or `asset`."),
    asset: assetGlob.optional().describe("Glob naming the one release asset (an `npm pack` output) published as is. Set this or `dir`."),
    registry: z.url().describe("URL of the npm registry to publish to."),
    token: secretName.describe("Name of the secret holding a token that may publish the package."),
    access: z.enum(["public", "restricted"]).optional().describe("`public`, or `restricted` (scoped packages only); unset keeps the registry's default."),
    tag: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9._-]*$/, "a dist-tag starts with a letter and holds letters, digits, '.', '_' and '-'")
      .optional()
      .describe("Dist-tag to publish under; by default `latest`, or `next` for a prerelease."),
  })
  .refine((config) => (config.dir === undefined) !== (config.asset === undefined), { message: "set exactly one of `dir` and `asset`" })
  .describe("An npm publish target.");

export type NpmTargetConfig = z.output<typeof NpmTargetSchema>;
type Context = TargetContext<NpmTargetConfig>;

interface PreparedPackage extends PreparedPublish {
  manifest: PackageManifest;
  tarball: Buffer;
  integrity: string;
  shasum: string;
}

function distTag(ctx: Context): string {
  return ctx.config.tag ?? (ctx.release.prerelease ? "next" : "latest");
}

/** The repository's folder packed at the release's tag, as `npm pack` would pack it there. */
async function packFromRepository(ctx: Context, dir: string, root: string): Promise<{ tarball: Buffer; manifest: PackageManifest; files: number }> {
  const { owner, repo, tag } = ctx.release;
  const what = dir === "." ? `${owner}/${repo} at ${tag}` : `${dir} of ${owner}/${repo} at ${tag}`;
  const archive = await downloadTarball(ctx.github.release, { owner, repo, ref: tag }, { maxBytes: DEFAULT_ARCHIVE_LIMITS.maxArchiveBytes }).catch((error: unknown) => {
    throw error instanceof RefNotFoundError ? new TargetConfigError(`the tag ${tag} is not in ${owner}/${repo} (any more); re-create the release's tag.`) : error;
  });
  await writePackageFiles(archive, { dir, root, what, key: `publish.targets.${ctx.name}.dir` });
  const manifest = await packageManifest(root, { fix: true, what });
  const { tarball, files } = await packDirectory(root, MAX_PACKAGE_BYTES, what);
  // npm records the commit a folder was published from; the archive has no .git to read it from.
  manifest.content.gitHead = ctx.release.commitSha;
  return { tarball, manifest, files };
}

/** A release asset that is an `npm pack` output, read whole (npm's document embeds it). */
async function packFromAsset(ctx: Context, glob: string, root: string): Promise<{ tarball: Buffer; manifest: PackageManifest; files: number }> {
  const matches = selectAssets(ctx.release, [glob], `publish.targets.${ctx.name}.asset`);
  const [asset, ...others] = matches;
  if (!asset || others.length > 0) {
    throw new TargetConfigError(`publish.targets.${ctx.name}.asset ${JSON.stringify(glob)} matches ${matches.length} assets (${matches.map((a) => a.name).join(", ")}); make it match the one package tarball.`);
  }
  if (asset.size > MAX_PACKAGE_BYTES) throw new TargetConfigError(`the asset ${asset.name} is ${asset.size} bytes, more than the ${MAX_PACKAGE_BYTES / 1024 / 1024} MiB Slipway publishes to npm.`);
  const staged = await stageAsset(ctx, asset);
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of await staged.open()) chunks.push(chunk as Buffer);
  } finally {
    await staged.dispose();
  }
  const tarball = Buffer.concat(chunks);
  const what = `the asset ${asset.name}`;
  const files = await writePackageFiles(Readable.from([tarball]), { dir: ".", root, what, key: `publish.targets.${ctx.name}.asset` });
  return { tarball, manifest: await packageManifest(root, { fix: false, what }), files };
}

/** An npm package: a folder packed at the tag, or a packed release asset; identical = same `dist.integrity`. */
export const npmTarget: TargetDescriptor<"npm", NpmTargetConfig, PreparedPackage> = {
  type: "npm",
  schema: NpmTargetSchema,
  secretKeys: ["token"],

  async verifyCredentials(ctx) {
    const user = await npmWhoami(ctx.config.registry, requireSecret(ctx, "token"), ctx.config.token);
    return { detail: `authenticated as ${user} on ${ctx.config.registry}` };
  },

  async prepare(ctx) {
    const root = await mkdtemp(join(ctx.tempDir ?? tmpdir(), "slipway-npm-"));
    try {
      const { dir, asset } = ctx.config;
      // The schema lets exactly one of the two through.
      const packed = dir !== undefined ? packFromRepository(ctx, dir, root) : asset !== undefined ? packFromAsset(ctx, asset, root) : undefined;
      if (!packed) throw new TargetConfigError(`publish.targets.${ctx.name} sets neither \`dir\` nor \`asset\`; set one.`);
      const { tarball, manifest, files } = await packed;
      if (manifest.version !== ctx.release.version) {
        throw new TargetVersionMismatchError(
          `the package.json of ${manifest.name} says version ${manifest.version}, but the release ${ctx.release.tag} is version ${ctx.release.version}; ` +
            `set "version" to ${ctx.release.version} in package.json and tag that commit, or name the release after the package's version.`,
        );
      }
      const integrity = `sha512-${createHash("sha512").update(tarball).digest("base64")}`;
      const fileName = `${manifest.name.replace(/^@/, "").replace("/", "-")}-${manifest.version}.tgz`;
      return {
        summary: `${manifest.name}@${manifest.version} (${files} files, ${tarball.length} bytes packed) with dist-tag ${distTag(ctx)}`,
        artifacts: [{ name: fileName, size: tarball.length, digest: integrity }],
        manifest,
        tarball,
        integrity,
        shasum: createHash("sha1").update(tarball).digest("hex"),
        dispose: async () => {},
      };
    } finally {
      // Everything needed is in memory now; the unpacked files go at once.
      await rm(root, { recursive: true, force: true });
    }
  },

  async probe(ctx, prepared) {
    const { name, version } = prepared.manifest;
    const packument = await fetchPackument(ctx.config.registry, name, requireSecret(ctx, "token"));
    const found = comparePackument(packument, name, version, prepared);
    if (found.state === "identical") return { ...found, link: versionLink(ctx.config.registry, name, version), digest: prepared.integrity };
    if (found.state === "different") return found;
    return { state: "absent", detail: `${name}@${version} is not on the registry yet` };
  },

  async publish(ctx, prepared) {
    const { name, version, content } = prepared.manifest;
    const token = requireSecret(ctx, "token");
    const result = { link: versionLink(ctx.config.registry, name, version), digest: prepared.integrity, artifacts: prepared.artifacts };
    // Asked again right before the PUT: a version that appeared since the probe is never replaced.
    const packument = await fetchPackument(ctx.config.registry, name, token);
    const found = comparePackument(packument, name, version, prepared);
    if (found.state === "identical") return result;
    if (found.state === "different") throw new TargetConflictError(found.detail);
    const tag = distTag(ctx);
    const higher = ctx.config.tag === undefined && tag === "latest" ? higherPublishedVersion(packument, version) : undefined;
    if (higher) {
      throw new TargetConfigError(
        `${name}@${higher} is already published, so ${version} would move the \`latest\` tag back; npm refuses that without an explicit tag. Set publish.targets.${ctx.name}.tag (for example \`v${version.split(".")[0]}-latest\`) for releases of this line.`,
      );
    }
    ctx.log(`publishing ${name}@${version} with dist-tag ${tag}`);
    await publishPackage(
      { name, version, manifest: content, tarball: prepared.tarball },
      { registry: ctx.config.registry, token, secretName: ctx.config.token, distTag: tag, access: ctx.config.access },
    );
    return result;
  },
};
