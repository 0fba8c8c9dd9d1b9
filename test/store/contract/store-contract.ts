import { randomUUID } from "node:crypto";
import { createDynamoClients, type DynamoClients } from "../../../src/store/dynamo/dynamo-clients";
import { createStores, type StoreOptions } from "../../../src/store/dynamo/create-stores";
import type { Stores } from "../../../src/store/stores";
import { ensureTable } from "../../../src/store/dynamo/table";
import { describeJobStoreContract } from "./job-store-contract";
import { describeEnvironmentStoreContract } from "./environment-store-contract";
import { describeHandedOffEnvironmentStoreContract } from "./handed-off-environment-store-contract";
import { describeBuildStoreContract } from "./build-store-contract";
import { describePullRequestStoreContract } from "./pull-request-store-contract";
import { describeClaimStoreContract } from "./claim-store-contract";
import { describeLockStoreContract } from "./lock-store-contract";
import { describeAuditStoreContract } from "./audit-store-contract";
import { describeBranchStoreContract } from "./branch-store-contract";
import { describeGitHubObjectStoreContract } from "./github-object-store-contract";
import { describeWriteBudgetStoreContract } from "./write-budget-store-contract";
import { describeRedeliveryStoreContract } from "./redelivery-store-contract";
import { describeShareLinkStoreContract } from "./share-link-store-contract";
import { describeSignInHandoffStoreContract } from "./sign-in-handoff-store-contract";
import { describeSiteHostStoreContract } from "./site-host-store-contract";
import { describePublishLedgerStoreContract } from "./publish-ledger-store-contract";
import { withoutNock } from "../../helpers/without-nock";
import { describePropagationStoreContract } from "./propagation-store-contract";

/** What each contract test gets: the stores over a fresh table, and raw access to that table. */
export interface StoreContext {
  stores: Stores;
  clients: DynamoClients;
  tableName: string;
  /**
   * Stores over the same table through a client of their own, as another worker process would
   * have them (closed after the test).
   */
  connect(options?: StoreOptions): Stores;
}

/**
 * Defines the storage contract suite against one DynamoDB-compatible server. Every test gets its
 * own table, so index scans (stuck jobs, expired previews) only see that test's records.
 */
export function describeStoreContract(serverName: string, startServer: () => Promise<{ endpoint: string; close(): Promise<void> }>): void {
  describe(`stores on ${serverName}`, () => {
    withoutNock();
    let server: { endpoint: string; close(): Promise<void> } | undefined;
    let context: StoreContext | undefined;

    beforeAll(async () => {
      server = await startServer();
    });

    afterAll(async () => {
      await server?.close();
    });

    beforeEach(async () => {
      if (!server) throw new Error("the DynamoDB server did not start");
      const endpoint = server.endpoint;
      const clients = createDynamoClients({ endpoint, region: "us-east-1" });
      const tableName = `slipway-test-${randomUUID()}`;
      await ensureTable(clients.client, tableName);
      const connect = (options?: StoreOptions): Stores => {
        const own = createDynamoClients({ endpoint, region: "us-east-1" });
        others.push(own);
        return createStores(own.documentClient, tableName, options);
      };
      context = { stores: createStores(clients.documentClient, tableName), clients, tableName, connect };
    });

    const others: DynamoClients[] = [];
    afterEach(() => {
      context?.clients.client.destroy();
      for (const other of others.splice(0)) other.client.destroy();
      context = undefined;
    });

    const current = (): StoreContext => {
      if (!context) throw new Error("the store context is only available inside a test");
      return context;
    };

    describeJobStoreContract(current);
    describeEnvironmentStoreContract(current);
    describeHandedOffEnvironmentStoreContract(current);
    describeBuildStoreContract(current);
    describePullRequestStoreContract(current);
    describeClaimStoreContract(current);
    describeLockStoreContract(current);
    describeAuditStoreContract(current);
    describeBranchStoreContract(current);
    describeGitHubObjectStoreContract(current);
    describeWriteBudgetStoreContract(current);
    describeRedeliveryStoreContract(current);
    describeShareLinkStoreContract(current);
    describeSignInHandoffStoreContract(current);
    describeSiteHostStoreContract(current);
    describePublishLedgerStoreContract(current);
    describePropagationStoreContract(current);
  });
}
