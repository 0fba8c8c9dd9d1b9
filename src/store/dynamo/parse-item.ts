import type { z } from "zod";
import { LAYOUT_ATTRIBUTES } from "./keys";

/** Raised when a stored item does not match its record schema: the table holds data this code cannot read. */
export class StoredRecordError extends Error {
  override name = "StoredRecordError";
}

/**
 * Turns an item read from the table into a record, validated by its schema rather than cast,
 * so a malformed or foreign item fails loudly where it enters instead of deep in a job.
 */
export function parseItem<Schema extends z.ZodType>(schema: Schema, item: Record<string, unknown>): z.output<Schema> {
  const record: Record<string, unknown> = { ...item };
  for (const attribute of LAYOUT_ATTRIBUTES) delete record[attribute];
  const result = schema.safeParse(record);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".") || "item"}: ${issue.message}`).join("; ");
    throw new StoredRecordError(
      `Item ${String(item.pk)} / ${String(item.sk)} does not match its record schema (${problems}); fix or delete the item.`,
    );
  }
  return result.data;
}
