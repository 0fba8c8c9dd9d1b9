import { z } from "zod";
import { combinedDigest } from "./combined-digest";
import { assetGlob, needs, secretName } from "./config-fields";
import { normalizeProjectName, parseDistFilename } from "./pypi/dist-filename";
import type { DistFilename } from "./pypi/dist-filename";
import { fetchReleaseFiles } from "./pypi/fetch-release-files";
import { releasePageUrl } from "./pypi/index-urls";
import { postLegacyUpload } from "./pypi/legacy-upload";
import { fieldValue, metadataFields } from "./pypi/metadata-fields";
import { DistMetadataError, readDistMetadata } from "./pypi/read-dist-metadata";
import { uploadAnswerError } from "./pypi/upload-answer-error";
import { redactSecrets } from "./common/redact-secrets";
import { requireSecret } from "./require-secret";
import { selectAssets } from "./select-assets";
import { stageAsset } from "./common/stage-asset";
import type { StagedAsset } from "./common/stage-asset";
import { TargetConfigError, TargetConflictError, TargetCredentialsError, TargetUnavailableError } from "./common/target-errors";
import type { PreparedPublish, TargetContext, TargetDescriptor } from "./common/target";

export const PypiTargetSchema = z
  .strictObject({
    type: z.literal("pypi").describe("Uploads Python distributions (wheels and sdists) to a package index."),
    needs,
    assets: z.array(assetGlob).min(1).describe('Globs of the release assets to upload, e.g. ["*.whl", "*.tar.gz"].'),
    repository: z.url().describe("The index's legacy upload URL; its JSON API is read from the same host without a leading `upload.`."),
    token: secretName.describe("Name of the secret holding an API token that may upload the project."),
  })
  .describe("A PyPI publish target.");

export type PypiTargetConfig = z.output<typeof PypiTargetSchema>;
type Context = TargetContext<PypiTargetConfig>;

interface Dist {
  staged: StagedAsset;
  dist: DistFilename;
  /** The project's normalised name and the version, as the JSON API is asked for them. */
  project: string;
  version: string;
  fields: [string, string][];
}

interface PreparedDists extends PreparedPublish {
  dists: Dist[];
}

type Found = "absent" | "identical" | { different: string };

/** The upload form for one file, in the order twine sends it. */
function uploadFields(dist: Dist): [string, string][] {
  return [
    [":action", "file_upload"],
    ["protocol_version", "1"],
    ...dist.fields,
    ["filetype", dist.dist.filetype],
    ["pyversion", dist.dist.pyversion],
    ["sha256_digest", dist.staged.sha256],
  ];
}

async function stageDist(ctx: Context, staged: StagedAsset, dist: DistFilename): Promise<Dist> {
  const filename = staged.asset.name;
  let fields: [string, string][];
  try {
    fields = metadataFields(await readDistMetadata(staged.path ?? "", dist, filename));
  } catch (error) {
    if (error instanceof DistMetadataError) throw new TargetConfigError(`${filename}: ${error.message}`);
    throw error;
  }
  const name = fieldValue(fields, "name");
  const version = fieldValue(fields, "version");
  if (!name || !version || !fieldValue(fields, "metadata_version")) {
    throw new TargetConfigError(`the metadata of ${filename} lacks Metadata-Version, Name or Version; rebuild it with a standard tool (python -m build).`);
  }
  if (normalizeProjectName(name) !== normalizeProjectName(dist.name) || version !== dist.version) {
    throw new TargetConfigError(`${filename} is named for ${dist.name} ${dist.version}, but its metadata says ${name} ${version}; rebuild it.`);
  }
  ctx.log(`${filename}: ${name} ${version} (${dist.filetype}), SHA-256 ${staged.sha256}`);
  return { staged, dist, project: normalizeProjectName(name), version, fields };
}

/** What the index holds for each file: by file name and SHA-256, through the JSON API. */
async function compareAll(ctx: Context, prepared: PreparedDists): Promise<Found[]> {
  const releases = new Map<string, Promise<Map<string, string>>>();
  const found: Found[] = [];
  for (const { project, version, staged } of prepared.dists) {
    const key = `${project} ${version}`;
    if (!releases.has(key)) releases.set(key, fetchReleaseFiles(ctx.config.repository, project, version));
    const listed = (await releases.get(key))?.get(staged.asset.name);
    if (listed === undefined) found.push("absent");
    else if (listed === staged.sha256) found.push("identical");
    else found.push({ different: `${staged.asset.name} is already on the index with SHA-256 ${listed}, the asset has ${staged.sha256}` });
  }
  return found;
}

function link(ctx: Context, prepared: PreparedDists): string {
  const first = prepared.dists[0];
  return first ? releasePageUrl(ctx.config.repository, first.project, first.version) : ctx.config.repository;
}

/** Wheels and sdists uploaded through the legacy upload API; identical = same file name and SHA-256 in the JSON API. */
export const pypiTarget: TargetDescriptor<"pypi", PypiTargetConfig, PreparedDists> = {
  type: "pypi",
  schema: PypiTargetSchema,
  secretKeys: ["token"],

  /**
   * PyPI has no read-only call that checks an upload token. Its upload endpoint checks the
   * credentials before it reads anything (403 "Invalid or non-existent authentication
   * information"), then refuses a form without metadata (400): so an upload of an empty form
   * proves the token without writing anything.
   */
  async verifyCredentials(ctx) {
    const token = requireSecret(ctx, "token");
    const { repository, token: secret } = ctx.config;
    let answer;
    try {
      answer = await postLegacyUpload(repository, token, [
        [":action", "file_upload"],
        ["protocol_version", "1"],
      ]);
    } catch (error) {
      throw new TargetUnavailableError(`the package index at ${repository} could not be reached (${redactSecrets(error instanceof Error ? error.message : String(error), { token })}); it will be retried.`);
    }
    if (answer.status === 400 || (answer.status >= 200 && answer.status < 300)) {
      return { detail: `the package index at ${repository} accepted the token in ${secret} (and refused the empty test upload: ${redactSecrets(answer.reason, { token })})` };
    }
    if (answer.status === 401 || answer.status === 403) {
      throw new TargetCredentialsError(
        `the package index at ${repository} refused the token in ${secret} (HTTP ${answer.status}: ${redactSecrets(answer.reason, { token })}); ` +
          `create an API token that may upload this project, seal it for this repository and put it under \`secrets:\` as ${secret}.`,
      );
    }
    throw uploadAnswerError(answer, "a test upload", { repository, secretName: secret, token });
  },

  async prepare(ctx) {
    const dists: Dist[] = [];
    const dispose = async () => {
      for (const { staged } of dists) await staged.dispose();
    };
    try {
      for (const asset of selectAssets(ctx.release, ctx.config.assets, `publish.targets.${ctx.name}.assets`)) {
        const dist = parseDistFilename(asset.name);
        if (!dist) throw new TargetConfigError(`the asset ${asset.name} is neither a wheel (.whl) nor a source distribution (.tar.gz) by its name; narrow publish.targets.${ctx.name}.assets.`);
        const staged = await stageAsset(ctx, asset, { local: true });
        try {
          dists.push(await stageDist(ctx, staged, dist));
        } catch (error) {
          await staged.dispose();
          throw error;
        }
      }
    } catch (error) {
      await dispose();
      throw error;
    }
    return {
      summary: `${dists.length} distribution${dists.length === 1 ? "" : "s"}: ${dists.map(({ staged }) => staged.asset.name).join(", ")}`,
      artifacts: dists.map(({ staged }) => ({ name: staged.asset.name, size: staged.asset.size, digest: `sha256:${staged.sha256}` })),
      dists,
      dispose,
    };
  },

  async probe(ctx, prepared) {
    const found = await compareAll(ctx, prepared);
    const different = found.flatMap((state) => (typeof state === "object" ? [state.different] : []));
    if (different.length > 0) return { state: "different", detail: `${different.join("; ")}. An index never takes a file name twice: release a new version.` };
    const present = found.filter((state) => state === "identical").length;
    if (present === found.length) {
      return { state: "identical", detail: `all ${found.length} file${found.length === 1 ? "" : "s"} already on the index with the same SHA-256`, link: link(ctx, prepared), digest: combinedDigest(prepared.artifacts) };
    }
    return { state: "absent", detail: `${found.length - present} of ${found.length} file${found.length === 1 ? "" : "s"} to upload${present > 0 ? ` (${present} already there, identical)` : ""}` };
  },

  async publish(ctx, prepared) {
    const token = requireSecret(ctx, "token");
    const { repository, token: secretName } = ctx.config;
    // Compared again right before uploading, so a file that appeared since the probe is never sent again.
    const found = await compareAll(ctx, prepared);
    for (const [index, dist] of prepared.dists.entries()) {
      const state = found[index];
      if (typeof state === "object") throw new TargetConflictError(`${state.different}; it was not replaced. Release a new version.`);
      if (state !== "absent") continue;
      const filename = dist.staged.asset.name;
      ctx.log(`uploading ${filename} to ${repository}`);
      let answer;
      try {
        answer = await postLegacyUpload(repository, token, uploadFields(dist), { filename, size: dist.staged.asset.size, open: () => dist.staged.open() });
      } catch (error) {
        if (error instanceof TargetUnavailableError) throw error;
        throw new TargetUnavailableError(`uploading ${filename} to ${repository} failed (${redactSecrets(error instanceof Error ? error.message : String(error), { token })}); it will be retried.`);
      }
      if (answer.status < 200 || answer.status >= 300) throw uploadAnswerError(answer, filename, { repository, secretName, token });
    }
    return { link: link(ctx, prepared), digest: combinedDigest(prepared.artifacts), artifacts: prepared.artifacts };
  },
};
