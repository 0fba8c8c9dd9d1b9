import { GetCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { z } from "zod";
import { parseItem } from "./parse-item";

/**
 * One item by its key, validated by its record schema; undefined when there is none. Reads are
 * strongly consistent: every caller decides something (supersede, lock, reuse) on what it reads.
 */
export async function getItem<Schema extends z.ZodType>(
  client: DynamoDBDocumentClient,
  tableName: string,
  key: { pk: string; sk: string },
  schema: Schema,
): Promise<z.output<Schema> | undefined> {
  const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
  return Item ? parseItem(schema, Item) : undefined;
}
