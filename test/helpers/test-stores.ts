import { randomUUID } from "node:crypto";
import { createStores } from "../../src/store/dynamo/create-stores";
import { createDynamoClients } from "../../src/store/dynamo/dynamo-clients";
import { ensureTable } from "../../src/store/dynamo/table";
import type { Stores } from "../../src/store/stores";

/** A fresh table on DynamoDB Local (started by the test servers' global setup). */
export async function testStores(): Promise<{ stores: Stores; tableName: string; close(): void }> {
  const endpoint = process.env.TEST_DYNAMODB_ENDPOINT;
  if (!endpoint) throw new Error("TEST_DYNAMODB_ENDPOINT is not set: run the tests through jest.");
  const tableName = `slipway-test-${randomUUID()}`;
  const { client, documentClient } = createDynamoClients({ endpoint, region: "us-east-1" });
  await ensureTable(client, tableName);
  return { stores: createStores(documentClient, tableName), tableName, close: () => client.destroy() };
}
