import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createStores, type StoreOptions } from "../../src/store/dynamo/create-stores";
import { createDynamoClients, type DynamoClients } from "../../src/store/dynamo/dynamo-clients";
import { startEmbeddedDynamo } from "../../src/store/dynamo/embedded-dynamo";
import type { Stores } from "../../src/store/stores";
import { ensureTable } from "../../src/store/dynamo/table";

/**
 * The embedded DynamoDB-compatible server (dynalite) on a temporary folder, with one table.
 * `connect` gives stores over it through a client of their own, as another worker would have.
 */
export async function embeddedStores(): Promise<{ connect(options?: StoreOptions): Stores; close(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), "slipway-dynalite-"));
  const server = await startEmbeddedDynamo({ dataDir });
  const tableName = `slipway-test-${randomUUID()}`;
  const clients: DynamoClients[] = [];
  const connect = (options?: StoreOptions): Stores => {
    const own = createDynamoClients({ endpoint: server.endpoint, region: "us-east-1" });
    clients.push(own);
    return createStores(own.documentClient, tableName, options);
  };
  const setup = createDynamoClients({ endpoint: server.endpoint, region: "us-east-1" });
  clients.push(setup);
  await ensureTable(setup.client, tableName);
  return {
    connect,
    async close() {
      for (const client of clients) client.client.destroy();
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
