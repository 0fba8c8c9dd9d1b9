import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { secretRedactor } from "../secrets/secret-redactor";
import { DynamoAuditStore } from "./dynamo/audit-store";
import { dynamoBranchStore } from "./dynamo/branch-store";
import { DynamoBuildStore } from "./dynamo/build-store";
import { DynamoDeployClaimStore } from "./dynamo/claim-store";
import { DynamoDeliveryStore } from "./dynamo/delivery-store";
import { DynamoEnvironmentStore } from "./dynamo/environment-store";
import { DynamoJobStore } from "./dynamo/job-store";
import { DynamoLockStore } from "./dynamo/lock-store";
import { dynamoPullRequestStore } from "./dynamo/pull-request-store";
import { redactingAuditStore } from "./redacting-audit-store";
import type { Stores } from "./stores";

/**
 * Every store over one DynamoDB table (see `TABLE_DEFINITION`). The same code serves AWS,
 * DynamoDB Local and the embedded server; only the client's endpoint differs.
 */
export function createStores(documentClient: DynamoDBDocumentClient, tableName: string): Stores {
  return {
    deliveries: new DynamoDeliveryStore(documentClient, tableName),
    jobs: new DynamoJobStore(documentClient, tableName),
    environments: new DynamoEnvironmentStore(documentClient, tableName),
    builds: new DynamoBuildStore(documentClient, tableName),
    pullRequests: dynamoPullRequestStore(documentClient, tableName),
    claims: new DynamoDeployClaimStore(documentClient, tableName),
    locks: new DynamoLockStore(documentClient, tableName),
    // Masked here so every entry, whoever appends it, has opened secrets masked.
    audit: redactingAuditStore(new DynamoAuditStore(documentClient, tableName), secretRedactor),
    branches: dynamoBranchStore(documentClient, tableName),
  };
}
