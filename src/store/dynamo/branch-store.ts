import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { BranchRecordSchema } from "../../model/records";
import type { BranchStore } from "../stores";
import { NewestHeadStore } from "./newest-head-store";

/** The newest head of each branch; a push older than the stored one never overwrites it. */
export function dynamoBranchStore(client: DynamoDBDocumentClient, tableName: string): BranchStore {
  return new NewestHeadStore(client, tableName, BranchRecordSchema, "BRANCH", (record) => record.branch);
}
