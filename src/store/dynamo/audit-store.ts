import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { AuditRecordSchema, type AuditRecord } from "../../model/records";
import type { AuditStore } from "../stores";
import { isConditionFailed } from "./is-condition-failed";
import { auditEnvironmentPartition, auditPartition, GSI1, isoTime } from "./keys";
import { parseItem } from "./parse-item";
import { queryAll } from "./query-all";

export interface AuditStoreOptions {
  /** Items per query page; unset lets DynamoDB fill 1 MB pages. Small pages exercise paging. */
  pageSize?: number;
}

/**
 * The audit trail: one item per entry in the repository's `AUDIT#` partition, sorted by time
 * then id, so a time range is one query. Entries naming an environment also carry that
 * environment's index keys, for `/status` to read its recent history newest first.
 * Entries never expire: the trail is the record of who shipped what.
 */
export class DynamoAuditStore implements AuditStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly options: AuditStoreOptions = {},
  ) {}

  /** Appending the same entry again (same `id` and `at`, as a retried job does) keeps the first. */
  async append(record: AuditRecord): Promise<void> {
    const item = AuditRecordSchema.parse({ ...record, at: isoTime(record.at) });
    const sortKey = `${item.at}#${item.id}`;
    const environmentIndex = item.environment
      ? { gsi1pk: auditEnvironmentPartition(item.owner, item.repo, item.environment), gsi1sk: sortKey }
      : {};
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: auditPartition(item.owner, item.repo), sk: sortKey, ...item, ...environmentIndex },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
    }
  }

  async list(owner: string, repo: string, options: { since?: Date } = {}): Promise<AuditRecord[]> {
    const since = options.since === undefined ? undefined : isoTime(options.since);
    // Sort keys start with the entry's ISO time, so `>= since` keeps entries at or after it.
    const items = await queryAll(
      this.client,
      {
        TableName: this.tableName,
        KeyConditionExpression: since === undefined ? "pk = :pk" : "pk = :pk AND sk >= :since",
        ExpressionAttributeValues: { ":pk": auditPartition(owner, repo), ...(since === undefined ? {} : { ":since": since }) },
        ScanIndexForward: true,
        ConsistentRead: true,
      },
      this.options.pageSize,
    );
    return items.map((item) => parseItem(AuditRecordSchema, item));
  }

  async listForEnvironment(owner: string, repo: string, environment: string, limit: number): Promise<AuditRecord[]> {
    const records: AuditRecord[] = [];
    let startKey: Record<string, unknown> | undefined;
    while (records.length < limit) {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: GSI1,
          KeyConditionExpression: "gsi1pk = :environment",
          ExpressionAttributeValues: { ":environment": auditEnvironmentPartition(owner, repo, environment) },
          ScanIndexForward: false,
          Limit: Math.min(limit - records.length, this.options.pageSize ?? Number.MAX_SAFE_INTEGER),
          ExclusiveStartKey: startKey,
        }),
      );
      records.push(...(page.Items ?? []).map((item) => parseItem(AuditRecordSchema, item)));
      startKey = page.LastEvaluatedKey;
      if (!startKey) break;
    }
    return records;
  }
}
