import { randomUUID } from "node:crypto";
import type { AuditRecord } from "../model/records";
import type { AuditStore } from "../store/stores";

/**
 * Appends one entry to the audit trail. A retried job may append again; entries are facts
 * about attempts, and each has its own id.
 */
export async function recordAudit(ctx: { stores: { audit: Pick<AuditStore, "append"> }; now(): Date }, entry: Omit<AuditRecord, "id" | "at">): Promise<void> {
  await ctx.stores.audit.append({ ...entry, id: randomUUID(), at: ctx.now().toISOString() });
}
