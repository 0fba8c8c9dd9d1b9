import { PutCommand, UpdateCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { EnvironmentRecordSchema, type EnvironmentRecord } from "../../model/records";
import type { EnvironmentStore, PointResult } from "../stores";
import { isConditionFailed } from "./is-condition-failed";
import { isoTime, PREVIEW_EXPIRY, repoPartition } from "./keys";
import { getItem } from "./get-item";
import { parseItem } from "./parse-item";
import { queryDue } from "./query-due";
import { queryAll } from "./query-all";

/** Raised when a refused write finds no record to blame: the table changed in a way this code never does. */
export class EnvironmentVanishedError extends Error {
  override name = "EnvironmentVanishedError";
}

function environmentKey(owner: string, repo: string, name: string): { pk: string; sk: string } {
  return { pk: repoPartition(owner, repo), sk: `ENV#${name}` };
}

/**
 * Environment pointers. Every write is conditional on `sourceAt` (the time of the event behind
 * it), so an older event arriving late never moves a pointer a newer one already moved. Active
 * environments with `expiresAt` carry the `PREVIEW_EXPIRY` index keys for the sweeper.
 */
export class DynamoEnvironmentStore implements EnvironmentStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(owner: string, repo: string, name: string): Promise<EnvironmentRecord | undefined> {
    return getItem(this.client, this.tableName, environmentKey(owner, repo, name), EnvironmentRecordSchema);
  }

  async point(record: EnvironmentRecord): Promise<PointResult> {
    const item = EnvironmentRecordSchema.parse({
      ...record,
      sourceAt: isoTime(record.sourceAt),
      updatedAt: isoTime(record.updatedAt),
      expiresAt: record.expiresAt === undefined ? undefined : isoTime(record.expiresAt),
    });
    const key = environmentKey(record.owner, record.repo, record.name);
    const expiry = item.state === "active" && item.expiresAt ? { gsi1pk: PREVIEW_EXPIRY, gsi1sk: item.expiresAt } : {};
    try {
      const { Attributes } = await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...key, ...item, ...expiry },
          // An equal time is applied: a redelivered job converges to the same pointer.
          ConditionExpression: "attribute_not_exists(pk) OR sourceAt <= :sourceAt",
          ExpressionAttributeValues: { ":sourceAt": item.sourceAt },
          ReturnValues: "ALL_OLD",
        }),
      );
      return { applied: true, previous: Attributes ? parseItem(EnvironmentRecordSchema, Attributes) : undefined };
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
    }
    // Not every DynamoDB-compatible server returns the refusing item with the error, so read it.
    // `sourceAt` only ever grows, so whatever is read now is still newer than the refused record.
    const current = await this.get(record.owner, record.repo, record.name);
    if (!current) {
      throw new EnvironmentVanishedError(
        `Environment ${record.owner}/${record.repo}/${record.name} refused a pointer move but no longer exists; environments are never deleted, so check what removed the item.`,
      );
    }
    return { applied: false, current };
  }

  async remove(owner: string, repo: string, name: string, sourceAt: string, now: Date): Promise<EnvironmentRecord | undefined> {
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: environmentKey(owner, repo, name),
          // The removal becomes the newest event, so a stale deploy cannot bring the environment back.
          UpdateExpression: "SET #state = :removed, sourceAt = :sourceAt, updatedAt = :now REMOVE gsi1pk, gsi1sk",
          ConditionExpression: "attribute_exists(pk) AND #state = :active AND sourceAt <= :sourceAt",
          ExpressionAttributeNames: { "#state": "state" },
          ExpressionAttributeValues: { ":removed": "removed", ":active": "active", ":sourceAt": isoTime(sourceAt), ":now": isoTime(now) },
          ReturnValues: "ALL_OLD",
        }),
      );
      return Attributes ? parseItem(EnvironmentRecordSchema, Attributes) : undefined;
    } catch (error) {
      if (isConditionFailed(error)) return undefined;
      throw error;
    }
  }

  async listExpired(now: Date, limit: number): Promise<EnvironmentRecord[]> {
    return queryDue(this.client, this.tableName, {
      partition: PREVIEW_EXPIRY,
      until: isoTime(now),
      strictly: false,
      limit,
      schema: EnvironmentRecordSchema,
      keep: (record) => record.state === "active",
    });
  }

  async list(owner: string, repo: string): Promise<EnvironmentRecord[]> {
    // The repository's partition also holds its builds and pull requests; the prefix picks environments.
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: { ":pk": repoPartition(owner, repo), ":prefix": "ENV#" },
      ConsistentRead: true,
    });
    return items.map((item) => parseItem(EnvironmentRecordSchema, item));
  }
}
