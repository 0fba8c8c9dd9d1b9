import { join, resolve } from "node:path";
import type { BlobStore } from "../blobs/blob-store";
import { createS3Client } from "../blobs/create-s3-client";
import { FolderBlobStore } from "../blobs/folder-blob-store";
import { S3BlobStore } from "../blobs/s3-blob-store";
import type { Env } from "../config/env";
import type { Stores } from "../store/stores";
import { openStores, type StartEmbeddedDynamo } from "./open-stores";

export { StorageConfigurationError, type StartEmbeddedDynamo } from "./open-stores";

export interface Storage {
  stores: Stores;
  blobs: BlobStore;
  close(): Promise<void>;
}

/**
 * The state and blob parts named by configuration: the embedded DynamoDB-compatible server or
 * DynamoDB (`SLIPWAY_STORE`), a folder or S3 (`SLIPWAY_BLOBS`).
 */
export async function createStorage(env: Env, options: { startEmbeddedDynamo?: StartEmbeddedDynamo } = {}): Promise<Storage> {
  const { stores, close } = await openStores(env, { ...options, createTable: true });
  const blobs =
    env.SLIPWAY_BLOBS === "s3"
      ? new S3BlobStore({
          client: createS3Client({ endpoint: env.S3_ENDPOINT, region: env.AWS_REGION, forcePathStyle: env.S3_FORCE_PATH_STYLE }),
          bucket: env.SLIPWAY_BUCKET ?? "",
        })
      : new FolderBlobStore(join(resolve(env.SLIPWAY_DATA_DIR), "blobs"));
  return { stores, blobs, close };
}
