import { PutCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { UpgradeRecordSchema, type UpgradeRecord } from "../../model/propagation";
import type { UpgradeStore } from "../stores";
import { getItem } from "./get-item";
import { isoTime, repoPartition } from "./keys";

function upgradeKey(owner: string, repo: string, slug: string): { pk: string; sk: string } {
  return { pk: repoPartition(owner, repo), sk: `UPGRADE#${slug}` };
}

/** A consumer's upgrade pull request per package, in the consumer repository's partition. */
export class DynamoUpgradeStore implements UpgradeStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  get(owner: string, repo: string, slug: string): Promise<UpgradeRecord | undefined> {
    return getItem(this.client, this.tableName, upgradeKey(owner, repo, slug), UpgradeRecordSchema);
  }

  async put(record: UpgradeRecord): Promise<void> {
    const item = UpgradeRecordSchema.parse({ ...record, updatedAt: isoTime(record.updatedAt) });
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...upgradeKey(record.owner, record.repo, record.slug), ...item } }));
  }
}
