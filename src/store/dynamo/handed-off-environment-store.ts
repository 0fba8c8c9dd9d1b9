import { PutCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { HandedOffEnvironmentRecordSchema, type HandedOffEnvironmentRecord } from "../../model/handed-off-environment";
import type { HandedOffEnvironmentStore } from "../stores";
import { getItem } from "./get-item";
import { conditionHeld } from "./is-condition-failed";
import { isoTime, repoPartition } from "./keys";
import { parseItem } from "./parse-item";
import { queryAll } from "./query-all";

/** Not `ENV#`: the environments the site server resolves are listed by that prefix, and these are not among them. */
const PREFIX = "HANDED_OFF#";

function handedOffKey(owner: string, repo: string, name: string): { pk: string; sk: string } {
  return { pk: repoPartition(owner, repo), sk: `${PREFIX}${name}` };
}

/**
 * What the deploy workflow last reported per environment, in the repository's partition. Every
 * write is conditional on the status's time (then its id, for two statuses of the same second),
 * so a status delivered late never replaces a newer one.
 */
export class DynamoHandedOffEnvironmentStore implements HandedOffEnvironmentStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(owner: string, repo: string, name: string): Promise<HandedOffEnvironmentRecord | undefined> {
    return getItem(this.client, this.tableName, handedOffKey(owner, repo, name), HandedOffEnvironmentRecordSchema);
  }

  async record(record: HandedOffEnvironmentRecord): Promise<boolean> {
    const item = HandedOffEnvironmentRecordSchema.parse({ ...record, statusAt: isoTime(record.statusAt), updatedAt: isoTime(record.updatedAt) });
    return conditionHeld(
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...handedOffKey(item.owner, item.repo, item.name), ...item },
          // The same status again is applied: a redelivered job converges to the same record.
          ConditionExpression: "attribute_not_exists(pk) OR statusAt < :statusAt OR (statusAt = :statusAt AND statusId <= :statusId)",
          ExpressionAttributeValues: { ":statusAt": item.statusAt, ":statusId": item.statusId },
        }),
      ),
    );
  }

  async list(owner: string, repo: string): Promise<HandedOffEnvironmentRecord[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: { ":pk": repoPartition(owner, repo), ":prefix": PREFIX },
      ConsistentRead: true,
    });
    return items.map((item) => parseItem(HandedOffEnvironmentRecordSchema, item));
  }
}
