import { z } from "zod";

/** A full commit SHA, as GitHub sends it in webhooks. */
export const CommitShaSchema = z.string().regex(/^[0-9a-f]{40}$/, "must be a 40-character commit SHA");
