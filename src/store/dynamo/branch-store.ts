import { GetCommand, PutCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { BranchRecordSchema, type BranchRecord } from "../records";
import type { BranchStore } from "../stores";
import { isConditionFailed } from "./is-condition-failed";
import { isoTime, repoPartition } from "./keys";
import { parseItem } from "./parse-item";

function branchKey(owner: string, repo: string, branch: string): { pk: string; sk: string } {
  return { pk: repoPartition(owner, repo), sk: `BRANCH#${branch}` };
}

/** The newest head of each branch; a push older than the stored one never overwrites it. */
export class DynamoBranchStore implements BranchStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(owner: string, repo: string, branch: string): Promise<BranchRecord | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: branchKey(owner, repo, branch), ConsistentRead: true }),
    );
    return Item ? parseItem(BranchRecordSchema, Item) : undefined;
  }

  async record(record: BranchRecord): Promise<boolean> {
    const item = BranchRecordSchema.parse({ ...record, eventAt: isoTime(record.eventAt) });
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...branchKey(record.owner, record.repo, record.branch), ...item },
          // An equal time is written: a redelivered push converges to the same record.
          ConditionExpression: "attribute_not_exists(pk) OR eventAt <= :eventAt",
          ExpressionAttributeValues: { ":eventAt": item.eventAt },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailed(error)) return false;
      throw error;
    }
  }
}
