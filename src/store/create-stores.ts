import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { DynamoAuditStore } from "./dynamo/audit-store";
import { dynamoBranchStore } from "./dynamo/branch-store";
import { DynamoBuildStore } from "./dynamo/build-store";
import { DynamoDeployClaimStore } from "./dynamo/claim-store";
import { DynamoDeliveryStore } from "./dynamo/delivery-store";
import { DynamoEnvironmentStore } from "./dynamo/environment-store";
import { DynamoJobStore } from "./dynamo/job-store";
import { DynamoLockStore } from "./dynamo/lock-store";
import { dynamoPullRequestStore } from "./dynamo/pull-request-store";
import { DynamoRedeliveryStore } from "./dynamo/redelivery-store";
import { DynamoWriteBudgetStore } from "./dynamo/write-budget-store";
import type { Stores, WriteBudgetLimits } from "./stores";

export interface StoreOptions {
  /** The write budget's limits, where they differ from GitHub's documented ones. */
  writeBudget?: Partial<WriteBudgetLimits>;
}

/**
 * Every store over one DynamoDB table (see `TABLE_DEFINITION`). The same code serves AWS,
 * DynamoDB Local and the embedded server; only the client's endpoint differs.
 */
export function createStores(documentClient: DynamoDBDocumentClient, tableName: string, options: StoreOptions = {}): Stores {
  return {
    deliveries: new DynamoDeliveryStore(documentClient, tableName),
    jobs: new DynamoJobStore(documentClient, tableName),
    environments: new DynamoEnvironmentStore(documentClient, tableName),
    builds: new DynamoBuildStore(documentClient, tableName),
    pullRequests: dynamoPullRequestStore(documentClient, tableName),
    claims: new DynamoDeployClaimStore(documentClient, tableName),
    locks: new DynamoLockStore(documentClient, tableName),
    audit: new DynamoAuditStore(documentClient, tableName),
    branches: dynamoBranchStore(documentClient, tableName),
    writeBudget: new DynamoWriteBudgetStore(documentClient, tableName, options.writeBudget),
    redeliveries: new DynamoRedeliveryStore(documentClient, tableName),
  };
}
