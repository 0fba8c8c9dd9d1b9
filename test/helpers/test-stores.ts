import { randomUUID } from "node:crypto";
import { createStores } from "../../src/store/dynamo/create-stores";
import { createDynamoClients } from "../../src/store/dynamo/dynamo-clients";
import { ensureTable } from "../../src/store/dynamo/table";
import type { JobQueue, QueuedJob } from "../../src/queue/job-queue";
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

/** Fresh stores for each test, and a queue that keeps what is sent to it (see `storesEachTest`). */
export interface EachTestStores {
  /** This test's stores: read them inside a test or a hook, not when the `describe` is defined. */
  readonly stores: Stores;
  /** The jobs sent to `queue` in this test so far, oldest first. */
  readonly sent: QueuedJob[];
  readonly queue: JobQueue;
}

/**
 * Gives every test of the calling `describe` a fresh table (see `testStores`) and an emptied
 * recording queue, and closes the table's client after it.
 */
export function storesEachTest(): EachTestStores {
  let current: Awaited<ReturnType<typeof testStores>> | undefined;
  const sent: QueuedJob[] = [];
  beforeEach(async () => {
    current = await testStores();
    sent.length = 0;
  });
  afterEach(() => current?.close());
  return {
    get stores() {
      if (!current) throw new Error("The stores are made for each test: read them inside a test or a hook.");
      return current.stores;
    },
    sent,
    queue: { send: async (jobs) => void sent.push(...jobs) },
  };
}
