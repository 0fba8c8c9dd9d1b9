import { UpdateCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { z } from "zod";
import { isConditionFailed } from "./is-condition-failed";
import { isoTime, repoPartition } from "./keys";
import { getItem } from "./get-item";
import type { HeadRecorded } from "../stores";

type HeadRecord = { owner: string; repo: string; eventAt: string; sequence: number };


/**
 * The newest head commit of something that moves (a pull request, a branch), one item per
 * `<prefix>#<id>` in the repository's partition. A write from an older event never replaces a
 * newer one: one conditional update on `eventAt`. An equal time is applied (several pushes in
 * one second all carry it), and every applied write counts one more `sequence` in the same
 * update, so events of the same second are ordered by when Slipway recorded them.
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

  async record(record: Omit<z.output<Schema>, "sequence">): Promise<HeadRecorded> {
    const item: Record<string, unknown> = this.schema.parse({ ...record, eventAt: isoTime(record.eventAt), sequence: 0 });
    const fields = Object.keys(item).filter((name) => name !== "sequence");
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.key(item.owner as string, item.repo as string, this.idOf(item as z.output<Schema>)),
          UpdateExpression: `SET ${fields.map((_, index) => `#f${index} = :f${index}`).join(", ")} ADD #sequence :one`,
          ConditionExpression: "attribute_not_exists(pk) OR eventAt <= :eventAt",
          ExpressionAttributeNames: { ...Object.fromEntries(fields.map((name, index) => [`#f${index}`, name])), "#sequence": "sequence" },
          ExpressionAttributeValues: { ...Object.fromEntries(fields.map((name, index) => [`:f${index}`, item[name]])), ":one": 1, ":eventAt": item.eventAt },
          ReturnValues: "UPDATED_NEW",
        }),
      );
      return { recorded: true, sequence: Number(Attributes?.sequence ?? 0) };
    } catch (error) {
      if (isConditionFailed(error)) return { recorded: false };
      throw error;
    }
  }
}
