import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { PullRequestRecordSchema } from "../../model/records";
import type { PullRequestStore } from "../stores";
import { NewestHeadStore } from "./newest-head-store";

/** The newest head of each pull request; an event older than the stored one never overwrites it. */
export function dynamoPullRequestStore(client: DynamoDBDocumentClient, tableName: string): PullRequestStore {
  return new NewestHeadStore(client, tableName, PullRequestRecordSchema, "PR", (record) => record.pullNumber);
}
