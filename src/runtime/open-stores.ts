import { resolve } from "node:path";
import type { Env } from "../config/env";
import { writeBudgetSettings } from "../config/write-budget-settings";
import { createStores } from "../store/dynamo/create-stores";
import { createDynamoClients } from "../store/dynamo/dynamo-clients";
import type { Stores } from "../store/stores";
import { ensureTable } from "../store/dynamo/table";

/** Raised when the store named by configuration cannot run in this process. */
export class StorageConfigurationError extends Error {
  override name = "StorageConfigurationError";
}

/**
 * Starts the embedded DynamoDB-compatible server. Passed in by the local runtime and the audit
 * CLI only, so the server (and its LevelDB) is never part of a Lambda bundle.
 */
export type StartEmbeddedDynamo = (options: { dataDir: string }) => Promise<{ endpoint: string; close(): Promise<void> }>;

export interface OpenedStores {
  stores: Stores;
  /** Where the state lives, for messages: `table "slipway" at http://…`. */
  location: string;
  close(): Promise<void>;
}

/**
 * The stores over the state `SLIPWAY_STORE` names: the embedded server on `SLIPWAY_DATA_DIR`,
 * or DynamoDB (`DYNAMODB_ENDPOINT`, or AWS by region and its usual credentials). With
 * `createTable`, the table is created where nobody else creates it: the embedded server, or an
 * explicit endpoint (DynamoDB Local); on AWS it belongs to the CloudFormation stack.
 */
export async function openStores(env: Env, options: { startEmbeddedDynamo?: StartEmbeddedDynamo; createTable: boolean }): Promise<OpenedStores> {
  const dataDir = resolve(env.SLIPWAY_DATA_DIR);
  let embedded: Awaited<ReturnType<StartEmbeddedDynamo>> | undefined;
  if (env.SLIPWAY_STORE === "embedded") {
    if (!options.startEmbeddedDynamo) {
      throw new StorageConfigurationError("SLIPWAY_STORE=embedded runs only with `npm start`; on AWS set SLIPWAY_STORE=dynamodb and SLIPWAY_TABLE.");
    }
    embedded = await options.startEmbeddedDynamo({ dataDir });
  }
  const endpoint = embedded?.endpoint ?? env.DYNAMODB_ENDPOINT;
  const dynamo = createDynamoClients({ endpoint, region: env.AWS_REGION });
  if (endpoint && options.createTable) await ensureTable(dynamo.client, env.SLIPWAY_TABLE);
  const where = embedded ? `in ${dataDir}` : endpoint ? `at ${endpoint}` : `in AWS region ${env.AWS_REGION}`;
  return {
    stores: createStores(dynamo.documentClient, env.SLIPWAY_TABLE, { writeBudget: writeBudgetSettings(env).limits }),
    location: `table "${env.SLIPWAY_TABLE}" ${where}`,
    async close() {
      dynamo.client.destroy();
      await embedded?.close();
    },
  };
}
