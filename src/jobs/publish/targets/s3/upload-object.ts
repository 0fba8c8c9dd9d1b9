import type { S3Client } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import type { StagedAsset } from "../common/stage-asset";
import { TargetConflictError, TargetCredentialsError, TargetUnavailableError } from "../common/target-errors";
import { SHA256_METADATA } from "./compare-object";
import { s3ErrorCode, s3ErrorStatus } from "./s3-target-client";

/**
 * Multipart uploads use S3's smallest part (5 MiB), two in flight: the memory an upload holds
 * stays near 20 MiB whatever the asset's size (bench/publish-rss.ts measures it). S3 allows
 * 10,000 parts, so parts grow past 50 GB.
 */
const MIN_PART_SIZE = 5 * 1024 * 1024;
const MAX_PARTS = 10_000;
const QUEUE_SIZE = 2;

/**
 * Streams a release asset into `key`, as one PUT when it is smaller than a part and as a
 * multipart upload otherwise (an interrupted one is aborted, leaving no object). The asset's
 * SHA-256 goes into the object's metadata, which is what later probes compare. `If-None-Match: *`
 * makes S3 refuse to replace an object someone wrote meanwhile.
 */
export async function uploadObject(client: S3Client, bucket: string, key: string, staged: StagedAsset): Promise<void> {
  const upload = new Upload({
    client,
    params: {
      Bucket: bucket,
      Key: key,
      Body: await staged.open(),
      ContentLength: staged.asset.size,
      ContentType: staged.asset.content_type || "application/octet-stream",
      Metadata: { [SHA256_METADATA]: staged.sha256 },
      IfNoneMatch: "*",
    },
    partSize: Math.max(MIN_PART_SIZE, Math.ceil(staged.asset.size / MAX_PARTS)),
    queueSize: QUEUE_SIZE,
    leavePartsOnError: false,
  });
  try {
    await upload.done();
  } catch (error) {
    const status = s3ErrorStatus(error);
    if (status === 412) throw new TargetConflictError(`s3://${bucket}/${key} was written by someone else while Slipway uploaded the asset; it was not overwritten. Check the object, then re-run.`);
    if (status === 403) throw new TargetCredentialsError(`S3 refused to write s3://${bucket}/${key} (HTTP 403): give the access key s3:PutObject on the bucket.`);
    if (status !== undefined) throw new TargetUnavailableError(`S3 failed to store s3://${bucket}/${key} (HTTP ${status} ${s3ErrorCode(error)}); it will be retried.`);
    throw error;
  }
}
