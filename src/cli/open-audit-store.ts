import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Env } from "../config/env";
import { openStores } from "../runtime/open-stores";
import { embeddedDynamoPath, startEmbeddedDynamo } from "../store/dynamo/embedded-dynamo";
import type { AuditStore } from "../store/stores";

/** Raised when the embedded store named by the environment holds no data: nothing ever ran there. */
export class EmbeddedDataMissingError extends Error {
  override name = "EmbeddedDataMissingError";
}

export interface OpenedAuditStore {
  audit: AuditStore;
  /** Where the entries are read from, for messages: `table "slipway" at http://…`. */
  location: string;
  close(): Promise<void>;
}

/**
 * The audit store of the state the environment names, as `npm start` and the AWS deployment
 * would open it: the embedded server on `SLIPWAY_DATA_DIR`, or DynamoDB (`DYNAMODB_ENDPOINT`,
 * or AWS with its usual credentials). Only reads: the table is never created here.
 */
export async function openAuditStore(env: Env): Promise<OpenedAuditStore> {
  const dataDir = resolve(env.SLIPWAY_DATA_DIR);
  // Starting the server on a folder that has none would create an empty database there.
  if (env.SLIPWAY_STORE === "embedded" && !existsSync(embeddedDynamoPath(dataDir))) {
    throw new EmbeddedDataMissingError(
      `No embedded Slipway data in ${dataDir}; set SLIPWAY_DATA_DIR to the folder \`npm start\` uses, or SLIPWAY_STORE=dynamodb to read DynamoDB.`,
    );
  }
  const { stores, location, close } = await openStores(env, { startEmbeddedDynamo, createTable: false });
  return { audit: stores.audit, location, close };
}
