import { DeleteObjectsCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3ServiceException } from "@aws-sdk/client-s3";
import type { S3Client } from "@aws-sdk/client-s3";
import type { Blob, BlobStore } from "./blob-store";
import { assertValidBlobKey, assertValidBlobPrefix } from "./blob-key";

/** Raised when S3 reports that some objects of a prefix could not be deleted. */
export class BlobDeleteError extends Error {
  override name = "BlobDeleteError";
}

export interface S3BlobStoreOptions {
  client: S3Client;
  bucket: string;
  /** Keys per ListObjectsV2 page; S3's maximum (1000) unless a test wants many pages. */
  pageSize?: number;
  /** Keys per DeleteObjects request; S3's maximum (1000) unless a test wants many batches. */
  deleteBatch?: number;
}

/** ListObjectsV2 and DeleteObjects take at most this many keys per request. */
const S3_MAX_KEYS = 1000;

/** Blobs in one S3 bucket, encrypted at rest with S3-managed keys. */
export class S3BlobStore implements BlobStore {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly pageSize: number;
  private readonly deleteBatch: number;

  constructor(options: S3BlobStoreOptions) {
    this.client = options.client;
    this.bucket = options.bucket;
    this.pageSize = options.pageSize ?? S3_MAX_KEYS;
    this.deleteBatch = options.deleteBatch ?? S3_MAX_KEYS;
  }

  async put(key: string, body: Buffer, contentType: string): Promise<void> {
    assertValidBlobKey(key);
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType, ServerSideEncryption: "AES256" }),
    );
  }

  async get(key: string): Promise<Blob | undefined> {
    assertValidBlobKey(key);
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      const bytes = object.Body ? await object.Body.transformToByteArray() : new Uint8Array();
      return { body: Buffer.from(bytes), contentType: object.ContentType ?? "application/octet-stream" };
    } catch (error) {
      if (error instanceof S3ServiceException && error.name === "NoSuchKey") return undefined;
      throw error;
    }
  }

  async deletePrefix(prefix: string): Promise<number> {
    assertValidBlobPrefix(prefix);
    // List everything first, then delete: deleting while paginating relies on how a server
    // builds continuation tokens, which S3-compatible servers do differently.
    const keys = await this.listKeys(prefix);
    for (let start = 0; start < keys.length; start += this.deleteBatch) {
      const batch = keys.slice(start, start + this.deleteBatch);
      const result = await this.client.send(
        new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }),
      );
      const failed = result.Errors ?? [];
      if (failed.length > 0) {
        const sample = failed.slice(0, 3).map((e) => `${e.Key ?? "?"} (${e.Code ?? "error"}: ${e.Message ?? ""})`);
        throw new BlobDeleteError(
          `Could not delete ${failed.length} of ${batch.length} objects under ${prefix} in bucket ${this.bucket}: ${sample.join(", ")}. Check the bucket policy allows s3:DeleteObject, then retry.`,
        );
      }
    }
    return keys.length;
  }

  private async listKeys(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, MaxKeys: this.pageSize, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) if (object.Key !== undefined) keys.push(object.Key);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys;
  }
}
