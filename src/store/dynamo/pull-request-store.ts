import { GetCommand, PutCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { PullRequestRecordSchema, type PullRequestRecord } from "../records";
import type { PullRequestStore } from "../stores";
import { isConditionFailed } from "./is-condition-failed";
import { isoTime, repoPartition } from "./keys";
import { parseItem } from "./parse-item";

function pullRequestKey(owner: string, repo: string, pullNumber: number): { pk: string; sk: string } {
  return { pk: repoPartition(owner, repo), sk: `PR#${pullNumber}` };
}

/** The newest head of each pull request; an event older than the stored one never overwrites it. */
export class DynamoPullRequestStore implements PullRequestStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(owner: string, repo: string, pullNumber: number): Promise<PullRequestRecord | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: pullRequestKey(owner, repo, pullNumber), ConsistentRead: true }),
    );
    return Item ? parseItem(PullRequestRecordSchema, Item) : undefined;
  }

  async record(record: PullRequestRecord): Promise<boolean> {
    const item = PullRequestRecordSchema.parse({ ...record, eventAt: isoTime(record.eventAt) });
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...pullRequestKey(record.owner, record.repo, record.pullNumber), ...item },
          // An equal time is written: a redelivered event converges to the same record.
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
