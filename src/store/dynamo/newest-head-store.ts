import { PutCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { z } from "zod";
import { conditionHeld } from "./is-condition-failed";
import { isoTime, repoPartition } from "./keys";
import { getItem } from "./get-item";

type HeadRecord = { owner: string; repo: string; eventAt: string; sequence: number };


/**
 * The newest head commit of something that moves (a pull request, a branch), one item per
 * `<prefix>#<id>` in the repository's partition. A write from an older event never replaces a
 * newer one: one conditional put, ordered by `eventAt` (GitHub's time) and, for events of the
 * same second, by `sequence` (when Slipway received them). Writing the same event again is
 * applied, so a redelivered event converges to the same record.
 */
export class NewestHeadStore<Schema extends z.ZodType<HeadRecord>, Id extends string | number> {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly schema: Schema,
    private readonly prefix: string,
    private readonly idOf: (record: z.output<Schema>) => Id,
  ) {}

  private key(owner: string, repo: string, id: Id): { pk: string; sk: string } {
    return { pk: repoPartition(owner, repo), sk: `${this.prefix}#${id}` };
  }

  async get(owner: string, repo: string, id: Id): Promise<z.output<Schema> | undefined> {
    return getItem(this.client, this.tableName, this.key(owner, repo, id), this.schema);
  }

  async record(record: z.output<Schema>): Promise<boolean> {
    const item = this.schema.parse({ ...record, eventAt: isoTime(record.eventAt) });
    return conditionHeld(
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...this.key(record.owner, record.repo, this.idOf(item)), ...item },
          ConditionExpression: "attribute_not_exists(pk) OR eventAt < :eventAt OR (eventAt = :eventAt AND (attribute_not_exists(#sequence) OR #sequence <= :sequence))",
          ExpressionAttributeNames: { "#sequence": "sequence" },
          ExpressionAttributeValues: { ":eventAt": item.eventAt, ":sequence": item.sequence },
        }),
      ),
    );
  }
}
