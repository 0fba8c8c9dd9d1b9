import { DeleteCommand, PutCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { GitHubObjectRecordSchema, type GitHubObjectRecord } from "../../model/records";
import type { GitHubObjectStore } from "../stores";
import { getItem } from "./get-item";
import { isConditionFailed } from "./is-condition-failed";
import { expiresAfter, isoTime, repoPartition } from "./keys";

/** Long enough for any pull request's life; an expired record only costs one listing to find the object again. */
const OBJECT_TTL_DAYS = 180;

function objectKey(owner: string, repo: string, key: string): { pk: string; sk: string } {
  return { pk: repoPartition(owner, repo), sk: `GITHUB#${key}` };
}

/** The GitHub objects Slipway created, one item per identity in the repository's partition. */
export class DynamoGitHubObjectStore implements GitHubObjectStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(owner: string, repo: string, key: string): Promise<GitHubObjectRecord | undefined> {
    return getItem(this.client, this.tableName, objectKey(owner, repo, key), GitHubObjectRecordSchema);
  }

  async markCreating(owner: string, repo: string, key: string, now: Date): Promise<void> {
    const record = GitHubObjectRecordSchema.parse({ owner, repo, key, state: "creating", updatedAt: isoTime(now) });
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...objectKey(owner, repo, key), ...record, ttl: expiresAfter(now, OBJECT_TTL_DAYS) },
          // A created object's id is never replaced by an intent.
          ConditionExpression: "attribute_not_exists(pk) OR #state = :creating",
          ExpressionAttributeNames: { "#state": "state" },
          ExpressionAttributeValues: { ":creating": "creating" },
        }),
      );
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
    }
  }

  async saveCreated(owner: string, repo: string, key: string, object: { id: number; url?: string; digest?: string; status?: string }, now: Date): Promise<void> {
    const record = GitHubObjectRecordSchema.parse({ owner, repo, key, state: "created", ...object, updatedAt: isoTime(now) });
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...objectKey(owner, repo, key), ...record, ttl: expiresAfter(now, OBJECT_TTL_DAYS) } }));
  }

  async forget(owner: string, repo: string, key: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: objectKey(owner, repo, key) }));
  }
}

