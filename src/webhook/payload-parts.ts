import { z } from "zod";

/**
 * Schema parts every app delivery shares, written from the fields the planners read. They
 * check shape only: the planners keep their `@octokit/webhooks-types` types, and the payload
 * handed on is the one GitHub sent, unchanged.
 */

/** A timestamp `Date` can read (GitHub's ISO 8601 times). */
export const Timestamp = z.string().refine((text) => !Number.isNaN(Date.parse(text)), "is not a date and time");

/** A commit SHA: 40 hexadecimal digits (64 in SHA-256 repositories). */
export const CommitSha = z.string().regex(/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/, "is not a commit SHA");

/** Absent, or null, on deliveries that are not for an installation (they plan nothing). */
export const InstallationPart = z.object({ id: z.number().int().positive() }).nullish();

/** The repository an event happened in (`repoRef`). */
export const RepositoryPart = z.object({
  id: z.number().int().positive(),
  name: z.string().min(1),
  owner: z.object({ login: z.string().min(1) }),
});
