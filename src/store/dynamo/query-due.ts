import { QueryCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { z } from "zod";
import { GSI1 } from "./keys";
import { parseItem } from "./parse-item";

/**
 * The sweeper's scans: items of one `gsi1` partition whose sort key (a time) is at or before
 * `until` (`strictly` before, if asked), oldest first, at most `limit` of those `keep` accepts.
 * The index is eventually consistent, so an item that just left the state the partition
 * stands for may still be listed: `keep` drops it.
 */
export async function queryDue<Schema extends z.ZodType>(
  client: DynamoDBDocumentClient,
  tableName: string,
  query: { partition: string; until: string; strictly: boolean; limit: number; schema: Schema; keep: (record: z.output<Schema>) => boolean },
): Promise<Array<z.output<Schema>>> {
  const records: Array<z.output<Schema>> = [];
  let startKey: Record<string, unknown> | undefined;
  while (records.length < query.limit) {
    const page = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: GSI1,
        KeyConditionExpression: `gsi1pk = :partition AND gsi1sk ${query.strictly ? "<" : "<="} :until`,
        ExpressionAttributeValues: { ":partition": query.partition, ":until": query.until },
        ScanIndexForward: true,
        Limit: query.limit - records.length,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const record = parseItem(query.schema, item);
      if (query.keep(record)) records.push(record);
    }
    startKey = page.LastEvaluatedKey;
    if (!startKey) break;
  }
  return records;
}
