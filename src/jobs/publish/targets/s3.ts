import { HeadBucketCommand } from "@aws-sdk/client-s3";
import { z } from "zod";
import { combinedDigest } from "./combined-digest";
import { assetGlob, needs, secretName } from "./config-fields";
import { requireSecret } from "./require-secret";
import { compareObject } from "./s3/compare-object";
import type { ObjectComparison } from "./s3/compare-object";
import { objectUrl } from "./s3/object-url";
import { s3ErrorCode, s3ErrorStatus, s3TargetClient } from "./s3/s3-target-client";
import { uploadObject } from "./s3/upload-object";
import { selectAssets } from "./select-assets";
import { stageAsset } from "./common/stage-asset";
import type { StagedAsset } from "./common/stage-asset";
import { TargetConfigError, TargetConflictError, TargetCredentialsError, TargetUnavailableError } from "./common/target-errors";
import type { Artifact, PreparedPublish, TargetContext, TargetDescriptor } from "./common/target";

export const S3TargetSchema = z
  .strictObject({
    type: z.literal("s3").describe("Uploads release assets to an S3 bucket (or an S3-compatible store)."),
    needs,
    assets: z.array(assetGlob).min(1).describe('Globs of the release asset names to upload, e.g. ["*"].'),
    bucket: z.string().min(1).describe("The bucket to upload into."),
    prefix: z
      .string()
      .default("")
      .refine((prefix) => !prefix.startsWith("/"), "a key prefix does not start with '/'")
      .describe("Key prefix of the uploaded assets; `{version}` becomes the release's version, e.g. `site/{version}/`."),
    region: z.string().min(1).default("us-east-1").describe("The bucket's region."),
    endpoint: z
      .url()
      .optional()
      .describe("URL of an S3-compatible store; its buckets are addressed path-style. Leave unset for AWS."),
    access_key_id: secretName.describe("Name of the secret holding the access key ID."),
    secret_access_key: secretName.describe("Name of the secret holding the secret access key."),
  })
  .describe("An S3 publish target.");

export type S3TargetConfig = z.output<typeof S3TargetSchema>;
type Context = TargetContext<S3TargetConfig>;

interface PreparedObjects extends PreparedPublish {
  objects: { key: string; staged: StagedAsset }[];
}

function client(ctx: Context) {
  const { region, endpoint } = ctx.config;
  return s3TargetClient({
    region,
    endpoint,
    accessKeyId: requireSecret(ctx, "access_key_id"),
    secretAccessKey: requireSecret(ctx, "secret_access_key"),
  });
}

function keyPrefix(ctx: Context): string {
  return ctx.config.prefix.split("{version}").join(ctx.release.version);
}

function link(ctx: Context, key: string): string {
  return objectUrl({ bucket: ctx.config.bucket, key, region: ctx.config.region, endpoint: ctx.config.endpoint });
}

function artifactsOf(prepared: PreparedObjects): Artifact[] {
  return prepared.objects.map(({ key, staged }) => ({ name: key, size: staged.asset.size, digest: `sha256:${staged.sha256}` }));
}

async function compareAll(ctx: Context, prepared: PreparedObjects): Promise<{ key: string; staged: StagedAsset; found: ObjectComparison }[]> {
  const s3 = client(ctx);
  try {
    const results = [];
    for (const object of prepared.objects) results.push({ ...object, found: await compareObject(s3, ctx.config.bucket, object.key, object.staged) });
    return results;
  } finally {
    s3.destroy();
  }
}

/** Release assets uploaded under a key prefix; identical = same SHA-256 (or single-part ETag). */
export const s3Target: TargetDescriptor<"s3", S3TargetConfig, PreparedObjects> = {
  type: "s3",
  schema: S3TargetSchema,
  secretKeys: ["access_key_id", "secret_access_key"],

  async verifyCredentials(ctx) {
    const { bucket, access_key_id, secret_access_key } = ctx.config;
    const s3 = client(ctx);
    try {
      await s3.send(new HeadBucketCommand({ Bucket: bucket }));
      return { detail: `HeadBucket on ${bucket} succeeded` };
    } catch (error) {
      const status = s3ErrorStatus(error);
      if (status === 403 || status === 401) {
        throw new TargetCredentialsError(
          `S3 refused the credentials in ${access_key_id} / ${secret_access_key} for the bucket ${bucket} (HTTP ${status}): check both secrets, and that the key may s3:ListBucket, s3:GetObject and s3:PutObject there.`,
        );
      }
      if (status === 404) throw new TargetConfigError(`the bucket ${bucket} does not exist${ctx.config.endpoint ? "" : ` in ${ctx.config.region}`}; create it or fix publish.targets.${ctx.name}.bucket.`);
      if (status === 301) throw new TargetConfigError(`the bucket ${bucket} is not in ${ctx.config.region}; set publish.targets.${ctx.name}.region to the bucket's region.`);
      throw new TargetUnavailableError(`S3 could not be reached for the bucket ${bucket} (${status ? `HTTP ${status}` : s3ErrorCode(error)}); it will be retried.`);
    } finally {
      s3.destroy();
    }
  },

  async prepare(ctx) {
    const prefix = keyPrefix(ctx);
    const objects: PreparedObjects["objects"] = [];
    const dispose = async () => {
      for (const { staged } of objects) await staged.dispose();
    };
    try {
      for (const asset of selectAssets(ctx.release, ctx.config.assets, `publish.targets.${ctx.name}.assets`)) {
        objects.push({ key: `${prefix}${asset.name}`, staged: await stageAsset(ctx, asset) });
      }
    } catch (error) {
      await dispose();
      throw error;
    }
    const bytes = objects.reduce((sum, { staged }) => sum + staged.asset.size, 0);
    const prepared: PreparedObjects = {
      summary: `${objects.length} asset${objects.length === 1 ? "" : "s"} (${bytes} bytes) to s3://${ctx.config.bucket}/${prefix}`,
      artifacts: [],
      objects,
      dispose,
    };
    prepared.artifacts = artifactsOf(prepared);
    return prepared;
  },

  async probe(ctx, prepared) {
    const results = await compareAll(ctx, prepared);
    const different = results.filter((result) => result.found.state === "different");
    if (different.length > 0) {
      return { state: "different", detail: different.map(({ found }) => (found.state === "different" ? found.why : "")).join("; ") };
    }
    const present = results.filter((result) => result.found.state === "identical");
    if (present.length === results.length) {
      return {
        state: "identical",
        detail: `all ${results.length} object${results.length === 1 ? "" : "s"} already in s3://${ctx.config.bucket}/${keyPrefix(ctx)} with the same content`,
        link: link(ctx, results.length === 1 ? (results[0]?.key ?? keyPrefix(ctx)) : keyPrefix(ctx)),
        digest: combinedDigest(prepared.artifacts),
      };
    }
    return {
      state: "absent",
      detail: `${results.length - present.length} of ${results.length} object${results.length === 1 ? "" : "s"} to upload${present.length > 0 ? ` (${present.length} already there, identical)` : ""}`,
    };
  },

  async publish(ctx, prepared) {
    // Compared again right before writing: an object that appeared since the probe is never replaced.
    const results = await compareAll(ctx, prepared);
    const different = results.find((result) => result.found.state === "different");
    if (different?.found.state === "different") throw new TargetConflictError(`${different.found.why}; it was not overwritten. Publish a new version, or remove the object if it is wrong.`);
    const s3 = client(ctx);
    try {
      for (const { key, staged, found } of results) {
        if (found.state !== "absent") continue;
        ctx.log(`uploading ${staged.asset.name} to s3://${ctx.config.bucket}/${key}`);
        await uploadObject(s3, ctx.config.bucket, key, staged);
      }
    } finally {
      s3.destroy();
    }
    const only = prepared.objects.length === 1 ? prepared.objects[0] : undefined;
    return { link: link(ctx, only ? only.key : keyPrefix(ctx)), digest: combinedDigest(prepared.artifacts), artifacts: prepared.artifacts };
  },
};
