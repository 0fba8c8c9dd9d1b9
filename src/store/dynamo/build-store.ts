import { PutCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { BuildRecordSchema, type BuildRecord } from "../../model/records";
import type { BuildStore } from "../stores";
import { isConditionFailed } from "./is-condition-failed";
import { isoTime, repoPartition } from "./keys";
import { getItem } from "./get-item";

function buildKey(owner: string, repo: string, key: string): { pk: string; sk: string } {
  return { pk: repoPartition(owner, repo), sk: `BUILD#${key}` };
}

/** Builds are immutable: the first record of a build key stays. */
export class DynamoBuildStore implements BuildStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(owner: string, repo: string, key: string): Promise<BuildRecord | undefined> {
    return getItem(this.client, this.tableName, buildKey(owner, repo, key), BuildRecordSchema);
  }

  async put(record: BuildRecord): Promise<void> {
    const item = BuildRecordSchema.parse({ ...record, createdAt: isoTime(record.createdAt) });
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...buildKey(record.owner, record.repo, record.buildKey), ...item },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
    } catch (error) {
      // Two workers built the same commit: both wrote the same files, the first record stands.
      if (!isConditionFailed(error)) throw error;
    }
  }
}
