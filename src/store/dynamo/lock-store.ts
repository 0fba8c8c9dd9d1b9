import { DeleteCommand, PutCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { LockRecordSchema, type LockRecord } from "../../model/records";
import type { AcquireResult, LockStore, ReleaseResult } from "../stores";
import { isConditionFailed } from "./is-condition-failed";
import { isoTime, repoPartition } from "./keys";
import { getItem } from "./get-item";
import { parseItem } from "./parse-item";
import { queryAll } from "./query-all";

/** Raised when a lock keeps being released and taken while acquiring it: someone else is busy with it; try again. */
export class LockContentionError extends Error {
  override name = "LockContentionError";
}

/** A refused acquire reads the holder; if the lock was released in between, it tries again this often. */
const ACQUIRE_ATTEMPTS = 3;

function lockKey(owner: string, repo: string, environment: string): { pk: string; sk: string } {
  return { pk: repoPartition(owner, repo), sk: `LOCK#${environment}` };
}

/**
 * Environment locks, one item per environment, taken and released with single conditional
 * writes on `holder` (GitHub sends a login with its canonical casing, so it is compared as is).
 */
export class DynamoLockStore implements LockStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(owner: string, repo: string, environment: string): Promise<LockRecord | undefined> {
    return getItem(this.client, this.tableName, lockKey(owner, repo, environment), LockRecordSchema);
  }

  async acquire(lock: LockRecord): Promise<AcquireResult> {
    const item = LockRecordSchema.parse({ ...lock, createdAt: isoTime(lock.createdAt) });
    for (let attempt = 0; attempt < ACQUIRE_ATTEMPTS; attempt++) {
      try {
        await this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { ...lockKey(lock.owner, lock.repo, lock.environment), ...item },
            ConditionExpression: "attribute_not_exists(pk) OR holder = :holder",
            ExpressionAttributeValues: { ":holder": item.holder },
          }),
        );
        return { acquired: true };
      } catch (error) {
        if (!isConditionFailed(error)) throw error;
      }
      // Not every DynamoDB-compatible server returns the refusing item with the error, so read it.
      const current = await this.get(lock.owner, lock.repo, lock.environment);
      if (current) return { acquired: false, current };
    }
    throw new LockContentionError(
      `The lock on ${lock.owner}/${lock.repo}/${lock.environment} was taken and released ${ACQUIRE_ATTEMPTS} times while acquiring it; try again.`,
    );
  }

  async release(owner: string, repo: string, environment: string, by: string, force: boolean): Promise<ReleaseResult> {
    try {
      const { Attributes } = await this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: lockKey(owner, repo, environment),
          ...(force ? {} : { ConditionExpression: "holder = :by", ExpressionAttributeValues: { ":by": by } }),
          ReturnValues: "ALL_OLD",
        }),
      );
      return Attributes ? { released: true, previous: parseItem(LockRecordSchema, Attributes) } : { released: false, current: undefined };
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
    }
    // Refused: held by someone else, or not held at all (the condition fails on a missing item).
    return { released: false, current: await this.get(owner, repo, environment) };
  }

  async list(owner: string, repo: string): Promise<LockRecord[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: { ":pk": repoPartition(owner, repo), ":prefix": "LOCK#" },
      ConsistentRead: true,
    });
    return items.map((item) => parseItem(LockRecordSchema, item));
  }
}
