import { z } from "zod";

const isoTime = z.iso.datetime({ offset: true });

/** How a target's publishing of one release ended (or that it is being published right now). */
export const PUBLISH_STATES = ["running", "published", "identical", "conflict", "failed", "blocked"] as const;
export type PublishState = (typeof PUBLISH_STATES)[number];

/** The states after which a target is never published again for that release. */
export const SUCCEEDED_STATES: readonly PublishState[] = ["published", "identical"];

/**
 * One entry of the publish ledger: where one target of one release got to. A redelivered
 * release or a retry reads it first, so nothing that succeeded is published twice.
 */
export const PublishLedgerRecordSchema = z.object({
  owner: z.string().min(1),
  repo: z.string().min(1),
  releaseId: z.number().int().positive(),
  target: z.string().min(1),
  state: z.enum(PUBLISH_STATES),
  /** Attempts begun, over every run (first publish and retries). */
  attempts: z.number().int().min(0),
  version: z.string().min(1),
  /** While `running`: after this time the run is taken to have died and another may take over. */
  until: isoTime.optional(),
  /** When the last attempt began (the run's start, for timing; `updatedAt` is when it ended). */
  startedAt: isoTime.optional(),
  digest: z.string().optional(),
  link: z.string().optional(),
  /** What happened, for the check run: the registry's words, a conflict's difference, why it was blocked. */
  detail: z.string().optional(),
  updatedAt: isoTime,
});
export type PublishLedgerRecord = z.output<typeof PublishLedgerRecordSchema>;

/** Which target of which release an entry is about. */
export type PublishLedgerKey = Pick<PublishLedgerRecord, "owner" | "repo" | "releaseId" | "target">;
