import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { secretRedactor } from "../../secrets/secret-redactor";
import { redactingAuditStore } from "../redacting-audit-store";
import { DynamoAuditStore } from "./audit-store";
import { dynamoBranchStore } from "./branch-store";
import { DynamoBuildStore } from "./build-store";
import { DynamoDeployClaimStore } from "./claim-store";
import { DynamoEnvironmentStore } from "./environment-store";
import { DynamoHandedOffEnvironmentStore } from "./handed-off-environment-store";
import { DynamoJobStore } from "./job-store";
import { DynamoGitHubObjectStore } from "./github-object-store";
import { DynamoLockStore } from "./lock-store";
import { DynamoPublishLedgerStore } from "./publish-ledger-store";
import { dynamoPullRequestStore } from "./pull-request-store";
import { DynamoRedeliveryStore } from "./redelivery-store";
import { DynamoWriteBudgetStore } from "./write-budget-store";
import { DynamoShareLinkStore } from "./share-link-store";
import { DynamoSignInHandoffStore } from "./sign-in-handoff-store";
import { DynamoSiteHostStore } from "./site-host-store";
import { DynamoCampaignStore } from "./campaign-store";
import { DynamoUpgradeStore } from "./upgrade-store";
import type { Stores, WriteBudgetLimits } from "../stores";

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
    jobs: new DynamoJobStore(documentClient, tableName),
    environments: new DynamoEnvironmentStore(documentClient, tableName),
    handedOffEnvironments: new DynamoHandedOffEnvironmentStore(documentClient, tableName),
    builds: new DynamoBuildStore(documentClient, tableName),
    pullRequests: dynamoPullRequestStore(documentClient, tableName),
    claims: new DynamoDeployClaimStore(documentClient, tableName),
    locks: new DynamoLockStore(documentClient, tableName),
    // Masked here so every entry, whoever appends it, has opened secrets masked.
    audit: redactingAuditStore(new DynamoAuditStore(documentClient, tableName), secretRedactor),
    branches: dynamoBranchStore(documentClient, tableName),
    githubObjects: new DynamoGitHubObjectStore(documentClient, tableName),
    writeBudget: new DynamoWriteBudgetStore(documentClient, tableName, options.writeBudget),
    redeliveries: new DynamoRedeliveryStore(documentClient, tableName),
    shareLinks: new DynamoShareLinkStore(documentClient, tableName),
    handoffs: new DynamoSignInHandoffStore(documentClient, tableName),
    siteHosts: new DynamoSiteHostStore(documentClient, tableName),
    publishLedger: new DynamoPublishLedgerStore(documentClient, tableName),
    campaigns: new DynamoCampaignStore(documentClient, tableName),
    upgrades: new DynamoUpgradeStore(documentClient, tableName),
  };
}
