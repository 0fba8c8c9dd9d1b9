import { DeleteCommand, PutCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { ShareLinkRecordSchema, type ShareLinkRecord } from "../../model/share-link";
import type { ShareLinkStore } from "../stores";
import { getItem } from "./get-item";
import { isoTime, repoPartition } from "./keys";
import { parseItem } from "./parse-item";
import { queryAll } from "./query-all";

/** Environment names never hold `#`, so this prefix never matches another environment's links. */
function linkPrefix(environment: string): string {
  return `SHARE#${environment}#`;
}

function linkKey(owner: string, repo: string, environment: string, id: string): { pk: string; sk: string } {
  return { pk: repoPartition(owner, repo), sk: `${linkPrefix(environment)}${id}` };
}

/**
 * Share links in the repository's partition, one item per link keyed by its token's hash.
 * DynamoDB's TTL deletes a link some time after it expires; until then reads skip it.
 */
export class DynamoShareLinkStore implements ShareLinkStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(link: ShareLinkRecord): Promise<void> {
    const item = ShareLinkRecordSchema.parse({ ...link, createdAt: isoTime(link.createdAt), expiresAt: isoTime(link.expiresAt) });
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...linkKey(link.owner, link.repo, link.environment, link.id), ...item, ttl: Math.ceil(new Date(item.expiresAt).getTime() / 1000) },
      }),
    );
  }

  async get(owner: string, repo: string, environment: string, id: string, now: Date): Promise<ShareLinkRecord | undefined> {
    const link = await getItem(this.client, this.tableName, linkKey(owner, repo, environment, id), ShareLinkRecordSchema);
    return link && isLive(link, now) ? link : undefined;
  }

  async revokeAll(owner: string, repo: string, environment: string, now: Date): Promise<number> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: { ":pk": repoPartition(owner, repo), ":prefix": linkPrefix(environment) },
      ConsistentRead: true,
    });
    const links = items.map((item) => parseItem(ShareLinkRecordSchema, item));
    for (const link of links) {
      await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: linkKey(owner, repo, environment, link.id) }));
    }
    return links.filter((link) => isLive(link, now)).length;
  }
}

function isLive(link: ShareLinkRecord, now: Date): boolean {
  return new Date(link.expiresAt).getTime() > now.getTime();
}
