import { z } from "zod";

const isoTime = z.iso.datetime({ offset: true });

/**
 * A share link (`/preview share`): opens one environment to whoever holds it, until it
 * expires or `/preview unshare` revokes it. Only the SHA-256 of the link's token is kept, so
 * the table never holds a working link.
 */
export const ShareLinkRecordSchema = z.object({
  owner: z.string().min(1),
  repo: z.string().min(1),
  environment: z.string().min(1),
  /** SHA-256 (hex) of the token in the link. */
  id: z.string().regex(/^[0-9a-f]{64}$/, "must be a SHA-256 in hex"),
  /** Login of who shared it. */
  createdBy: z.string().min(1),
  createdAt: isoTime,
  expiresAt: isoTime,
});
export type ShareLinkRecord = z.infer<typeof ShareLinkRecordSchema>;
