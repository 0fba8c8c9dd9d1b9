import { PutCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { CampaignRecordSchema, CampaignRowSchema, type CampaignRecord, type CampaignRow } from "../../model/propagation";
import type { CampaignStore } from "../stores";
import { getItem } from "./get-item";
import { isConditionFailed } from "./is-condition-failed";
import { isoTime, repoPartition } from "./keys";
import { parseItem } from "./parse-item";
import { queryAll } from "./query-all";

function campaignKey(owner: string, repo: string, version: string): { pk: string; sk: string } {
  return { pk: repoPartition(owner, repo), sk: `CAMPAIGN#${version}` };
}

function rowKey(owner: string, repo: string, version: string, consumer: string): { pk: string; sk: string } {
  return { pk: repoPartition(owner, repo), sk: `CAMPAIGN#${version}#ROW#${consumer.toLowerCase()}` };
}

/** Campaigns in the source repository's partition; each consumer's row is an item of its own. */
export class DynamoCampaignStore implements CampaignStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async start(campaign: CampaignRecord): Promise<CampaignRecord> {
    const item = CampaignRecordSchema.parse({ ...campaign, createdAt: isoTime(campaign.createdAt) });
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...campaignKey(campaign.owner, campaign.repo, campaign.version), ...item },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
      return item;
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
      const stored = await this.get(campaign.owner, campaign.repo, campaign.version);
      if (!stored) throw new Error(`The campaign ${campaign.owner}/${campaign.repo}@${campaign.version} vanished while it was being started.`);
      return stored;
    }
  }

  get(owner: string, repo: string, version: string): Promise<CampaignRecord | undefined> {
    return getItem(this.client, this.tableName, campaignKey(owner, repo, version), CampaignRecordSchema);
  }

  async setRow(owner: string, repo: string, version: string, row: CampaignRow): Promise<void> {
    const item = CampaignRowSchema.parse({ ...row, updatedAt: isoTime(row.updatedAt) });
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...rowKey(owner, repo, version, row.consumer), ...item } }));
  }

  async rows(owner: string, repo: string, version: string): Promise<CampaignRow[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: { ":pk": repoPartition(owner, repo), ":prefix": `CAMPAIGN#${version}#ROW#` },
      ConsistentRead: true,
    });
    return items.map((item) => parseItem(CampaignRowSchema, item));
  }
}
