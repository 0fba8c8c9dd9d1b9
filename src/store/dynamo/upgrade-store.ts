import { PutCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { UpgradeProgressSchema, UpgradeRecordSchema, type UpgradeProgress, type UpgradeRecord } from "../../model/propagation";
import type { UpgradeStore } from "../stores";
import { getItem } from "./get-item";
import { expiresAfter, isoTime, repoPartition } from "./keys";

const PROGRESS_DAYS = 7;

function upgradeKey(owner: string, repo: string, slug: string): { pk: string; sk: string } {
  return { pk: repoPartition(owner, repo), sk: `UPGRADE#${slug}` };
}

function progressKey(owner: string, repo: string, slug: string, version: string): { pk: string; sk: string } {
  return { pk: repoPartition(owner, repo), sk: `UPGRADE#${slug}#PROGRESS#${version}` };
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

  progress(owner: string, repo: string, slug: string, version: string): Promise<UpgradeProgress | undefined> {
    return getItem(this.client, this.tableName, progressKey(owner, repo, slug, version), UpgradeProgressSchema);
  }

  async saveProgress(progress: UpgradeProgress): Promise<void> {
    const item = UpgradeProgressSchema.parse({ ...progress, updatedAt: isoTime(progress.updatedAt) });
    const ttl = expiresAfter(new Date(item.updatedAt), PROGRESS_DAYS);
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...progressKey(progress.owner, progress.repo, progress.slug, progress.version), ...item, ttl } }));
  }
}
