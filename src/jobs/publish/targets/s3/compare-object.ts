import { HeadObjectCommand } from "@aws-sdk/client-s3";
import type { S3Client } from "@aws-sdk/client-s3";
import { createHash } from "node:crypto";
import type { StagedAsset } from "../common/stage-asset";
import { TargetCredentialsError, TargetUnavailableError } from "../common/target-errors";
import { s3ErrorCode, s3ErrorStatus } from "./s3-target-client";

/** Object metadata key under which the uploaded asset's SHA-256 is stored (`x-amz-meta-sha256`). */
export const SHA256_METADATA = "sha256";

export type ObjectComparison =
  | { state: "absent" }
  | { state: "identical"; by: string }
  | { state: "different"; why: string };

/**
 * Compares what S3 holds at `key` with a release asset, reading only the object's head: the
 * SHA-256 stored in its metadata when Slipway uploaded it, and otherwise a single-part ETag
 * (the MD5 of the bytes), for which the asset is streamed through MD5 once.
 */
export async function compareObject(client: S3Client, bucket: string, key: string, staged: StagedAsset): Promise<ObjectComparison> {
  let head;
  try {
    head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  } catch (error) {
    const status = s3ErrorStatus(error);
    if (status === 404) return { state: "absent" };
    if (status === 403) {
      throw new TargetCredentialsError(`S3 refused to read s3://${bucket}/${key} (HTTP 403): give the access key s3:GetObject and s3:ListBucket on the bucket.`);
    }
    throw new TargetUnavailableError(`S3 could not be asked about s3://${bucket}/${key} (${status ? `HTTP ${status}` : s3ErrorCode(error)}); it will be retried.`);
  }

  const stored = head.Metadata?.[SHA256_METADATA];
  if (stored) {
    return stored === staged.sha256
      ? { state: "identical", by: `SHA-256 ${staged.sha256}` }
      : { state: "different", why: `s3://${bucket}/${key} holds SHA-256 ${stored}, the asset has ${staged.sha256}` };
  }
  const etag = head.ETag?.replace(/"/g, "") ?? "";
  if (!/^[0-9a-f]{32}$/.test(etag)) {
    return { state: "different", why: `s3://${bucket}/${key} exists without a SHA-256 in its metadata and with a multipart ETag, so it cannot be shown to be this asset` };
  }
  const md5 = await md5Of(staged);
  return md5 === etag
    ? { state: "identical", by: `ETag (MD5) ${etag}` }
    : { state: "different", why: `s3://${bucket}/${key} has ETag (MD5) ${etag}, the asset has MD5 ${md5}` };
}

async function md5Of(staged: StagedAsset): Promise<string> {
  const hash = createHash("md5");
  for await (const chunk of await staged.open()) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
