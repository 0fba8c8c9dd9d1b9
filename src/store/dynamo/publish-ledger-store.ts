import { PutCommand, UpdateCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { PublishLedgerRecordSchema, type PublishLedgerKey, type PublishLedgerRecord } from "../../model/publish-ledger";
import type { PublishLedgerStore } from "../stores";
import { conditionHeld, isConditionFailed } from "./is-condition-failed";
import { isoTime, repoPartition } from "./keys";
import { parseItem } from "./parse-item";
import { queryAll } from "./query-all";

function releasePrefix(releaseId: number): string {
  return `PUBLISH#${releaseId}#`;
}

function ledgerKey({ owner, repo, releaseId, target }: PublishLedgerKey): { pk: string; sk: string } {
  return { pk: repoPartition(owner, repo), sk: `${releasePrefix(releaseId)}${target}` };
}

/** Not taken again: it succeeded. */
const SUCCEEDED = "NOT #state IN (:published, :identical)";

/**
 * The publish ledger in the repository's partition, one item per release and target. `begin`
 * and `settle` are single conditional writes on the item's state (ElectroDB's lock pattern):
 * a success is final, and a running attempt is only taken over after its `until`.
 */
export class DynamoPublishLedgerStore implements PublishLedgerStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async list(owner: string, repo: string, releaseId: number): Promise<PublishLedgerRecord[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: { ":pk": repoPartition(owner, repo), ":prefix": releasePrefix(releaseId) },
      ConsistentRead: true,
    });
    return items.map((item) => parseItem(PublishLedgerRecordSchema, item));
  }

  async begin(key: PublishLedgerKey & { version: string }, until: Date, now: Date): Promise<PublishLedgerRecord | undefined> {
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: ledgerKey(key),
          UpdateExpression:
            "SET #state = :running, #until = :until, updatedAt = :now, attempts = if_not_exists(attempts, :zero) + :one, " +
            "#owner = :owner, #repo = :repo, releaseId = :releaseId, #target = :target, #version = :version REMOVE digest, link, detail, startedAt",
          ConditionExpression: `attribute_not_exists(pk) OR (${SUCCEEDED} AND (#state <> :running OR #until <= :nowIso))`,
          ExpressionAttributeNames: { "#state": "state", "#until": "until", "#owner": "owner", "#repo": "repo", "#target": "target", "#version": "version" },
          ExpressionAttributeValues: {
            ":running": "running",
            ":published": "published",
            ":identical": "identical",
            ":until": isoTime(until),
            ":now": isoTime(now),
            ":nowIso": isoTime(now),
            ":zero": 0,
            ":one": 1,
            ":owner": key.owner,
            ":repo": key.repo,
            ":releaseId": key.releaseId,
            ":target": key.target,
            ":version": key.version,
          },
          ReturnValues: "ALL_NEW",
        }),
      );
      return Attributes ? parseItem(PublishLedgerRecordSchema, Attributes) : undefined;
    } catch (error) {
      if (isConditionFailed(error)) return undefined;
      throw error;
    }
  }

  async settle(record: PublishLedgerRecord): Promise<boolean> {
    const item = PublishLedgerRecordSchema.parse({ ...record, updatedAt: isoTime(record.updatedAt) });
    const { until: _until, ...settled } = item;
    return conditionHeld(
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...ledgerKey(record), ...settled },
          ConditionExpression: `attribute_not_exists(pk) OR ${SUCCEEDED}`,
          ExpressionAttributeNames: { "#state": "state" },
          ExpressionAttributeValues: { ":published": "published", ":identical": "identical" },
        }),
      ),
    );
  }
}
