import { join, resolve } from "node:path";
import type { BlobStore } from "../blobs/blob-store";
import { createS3Client } from "../blobs/create-s3-client";
import { FolderBlobStore } from "../blobs/folder-blob-store";
import { S3BlobStore } from "../blobs/s3-blob-store";
import type { Env } from "../config/env";
import { createStores } from "../store/create-stores";
import { createDynamoClients } from "../store/dynamo-clients";
import type { Stores } from "../store/stores";
import { ensureTable } from "../store/table";

/** Raised when the store named by configuration cannot run in this process. */
export class StorageConfigurationError extends Error {
  override name = "StorageConfigurationError";
}

/**
 * Starts the embedded DynamoDB-compatible server. Passed in by the local runtime only, so the
 * server (and its LevelDB) is never part of a Lambda bundle.
 */
export type StartEmbeddedDynamo = (options: { dataDir: string }) => Promise<{ endpoint: string; close(): Promise<void> }>;

export interface Storage {
  stores: Stores;
  blobs: BlobStore;
  close(): Promise<void>;
}

/**
 * The state and blob parts named by configuration: the embedded DynamoDB-compatible server or
 * DynamoDB (`SLIPWAY_STORE`), a folder or S3 (`SLIPWAY_BLOBS`). The table is created here only
 * where nobody else creates it: the embedded server, or an explicit `DYNAMODB_ENDPOINT`
 * (DynamoDB Local); on AWS it belongs to the CloudFormation stack.
 */
export async function createStorage(env: Env, options: { startEmbeddedDynamo?: StartEmbeddedDynamo } = {}): Promise<Storage> {
  const startEmbedded = (dataDir: string) => {
    if (!options.startEmbeddedDynamo) {
      throw new StorageConfigurationError("SLIPWAY_STORE=embedded runs only with `npm start`; on AWS set SLIPWAY_STORE=dynamodb and SLIPWAY_TABLE.");
    }
    return options.startEmbeddedDynamo({ dataDir });
  };
  const dataDir = resolve(env.SLIPWAY_DATA_DIR);
  const embedded = env.SLIPWAY_STORE === "embedded" ? await startEmbedded(dataDir) : undefined;
  const endpoint = embedded?.endpoint ?? env.DYNAMODB_ENDPOINT;
  const dynamo = createDynamoClients({ endpoint, region: env.AWS_REGION });
  if (endpoint) await ensureTable(dynamo.client, env.SLIPWAY_TABLE);

  const blobs =
    env.SLIPWAY_BLOBS === "s3"
      ? new S3BlobStore({
          client: createS3Client({ endpoint: env.S3_ENDPOINT, region: env.AWS_REGION, forcePathStyle: env.S3_FORCE_PATH_STYLE }),
          bucket: env.SLIPWAY_BUCKET ?? "",
        })
      : new FolderBlobStore(join(dataDir, "blobs"));

  return {
    stores: createStores(dynamo.documentClient, env.SLIPWAY_TABLE),
    blobs,
    async close() {
      dynamo.client.destroy();
      await embedded?.close();
    },
  };
}
