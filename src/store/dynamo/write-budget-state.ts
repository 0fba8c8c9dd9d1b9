import { z } from "zod";
import type { WriteBudgetLimits, WriteBudgetWaitReason } from "../stores";

/** Writes per time slot, by slot number (epoch milliseconds divided by the slot's length). */
const SlotCountsSchema = z.record(z.string().regex(/^\d+$/), z.number().int().min(0));

/** The one item of an installation's write budget. */
export const WriteBudgetStateSchema = z.object({
  installationId: z.number().int().positive(),
  /** Bumped by every change; each write is conditional on the version it read. */
  version: z.number().int().min(0),
  /** Writes per second of the last minute. */
  minuteSlots: SlotCountsSchema.default({}),
  /** Writes per minute of the last hour. */
  hourSlots: SlotCountsSchema.default({}),
  /** Writes in flight: lease id → when the lease lapses (epoch milliseconds). */
  leases: z.record(z.string(), z.number()).default({}),
  /** No write goes before this (epoch milliseconds): GitHub answered with a rate limit. */
  pausedUntil: z.number().optional(),
  pauseReason: z.string().optional(),
});
export type WriteBudgetState = z.output<typeof WriteBudgetStateSchema>;

interface SlidingWindow {
  reason: Extract<WriteBudgetWaitReason, "per-minute" | "per-hour">;
  field: "minuteSlots" | "hourSlots";
  limit: keyof Pick<WriteBudgetLimits, "perMinute" | "perHour">;
  slotMs: number;
  /** Slots per window. */
  span: number;
}

/**
 * Each window counts writes in slots. A window of `span` slots, placed anywhere in time, touches
 * at most `span + 1` slots, so a write goes only while the current slot and the `span` before it
 * hold fewer than the limit: then no 60 s (or 3600 s) stretch ever holds more than the limit,
 * at the price of pacing about one slot early. A write is counted when it takes from the
 * budget, but reaches GitHub a little later (more so on a busy worker), so the minute's window
 * reaches two seconds further back still.
 */
const WINDOWS: SlidingWindow[] = [
  { reason: "per-minute", field: "minuteSlots", limit: "perMinute", slotMs: 1_000, span: 62 },
  { reason: "per-hour", field: "hourSlots", limit: "perHour", slotMs: 60_000, span: 60 },
];

/** A write waiting only for a concurrency slot asks again this soon: slots come back within a request. */
export const CONCURRENCY_POLL_MS = 250;

export type TakeDecision =
  | { go: true; next: WriteBudgetState }
  | { go: false; retryAt: number; reason: WriteBudgetWaitReason; pauseReason?: string };

interface Wait {
  retryAt: number;
  reason: WriteBudgetWaitReason;
}

/**
 * Decides one take at `now` (epoch milliseconds) on the state read: go, with the state to write
 * (the write counted in both windows, the lease added, stale slots and lapsed leases dropped), or
 * wait until the latest moment any limit names. A pure function, so the store only reads, decides
 * and writes conditionally.
 */
export function decideTake(current: WriteBudgetState | undefined, installationId: number, now: number, limits: WriteBudgetLimits, lease: string): TakeDecision {
  const state: WriteBudgetState = current ?? { installationId, version: 0, minuteSlots: {}, hourSlots: {}, leases: {} };
  const waits: Wait[] = [];
  if (state.pausedUntil !== undefined && state.pausedUntil > now) waits.push({ retryAt: state.pausedUntil, reason: "paused" });

  const slots = { minuteSlots: state.minuteSlots, hourSlots: state.hourSlots };
  for (const window of WINDOWS) {
    slots[window.field] = recentSlots(state[window.field], window, now);
    const retryAt = windowRetryAt(slots[window.field], window, limits[window.limit]);
    if (retryAt !== undefined) waits.push({ retryAt, reason: window.reason });
  }

  const leases = Object.fromEntries(Object.entries(state.leases).filter(([, until]) => until > now));
  const lapses = Object.values(leases);
  if (lapses.length >= limits.concurrent) {
    waits.push({ retryAt: Math.min(...lapses, now + CONCURRENCY_POLL_MS), reason: "concurrency" });
  }

  const latest = waits.reduce<Wait | undefined>((found, wait) => (!found || wait.retryAt > found.retryAt ? wait : found), undefined);
  if (latest) {
    return { go: false, ...latest, ...(latest.reason === "paused" && state.pauseReason ? { pauseReason: state.pauseReason } : {}) };
  }
  for (const window of WINDOWS) {
    const slot = String(Math.floor(now / window.slotMs));
    slots[window.field] = { ...slots[window.field], [slot]: (slots[window.field][slot] ?? 0) + 1 };
  }
  return {
    go: true,
    next: { ...state, version: state.version + 1, ...slots, leases: { ...leases, [lease]: now + limits.leaseMs } },
  };
}

/** The slots a window still sees at `now` (a slot ahead of `now`, from a clock running ahead, is kept). */
function recentSlots(counts: Record<string, number>, window: SlidingWindow, now: number): Record<string, number> {
  const oldest = Math.floor(now / window.slotMs) - window.span;
  return Object.fromEntries(Object.entries(counts).filter(([slot, count]) => Number(slot) >= oldest && count > 0));
}

/**
 * Undefined while the window has room; otherwise the start of the first slot at which enough of
 * the oldest slots have left the window for one more write.
 */
function windowRetryAt(counts: Record<string, number>, window: SlidingWindow, limit: number): number | undefined {
  const entries = Object.entries(counts)
    .map(([slot, count]) => [Number(slot), count] as const)
    .sort(([a], [b]) => a - b);
  let total = entries.reduce((sum, [, count]) => sum + count, 0);
  if (total < limit) return undefined;
  for (const [slot, count] of entries) {
    total -= count;
    if (total < limit) return (slot + window.span + 1) * window.slotMs;
  }
  return undefined;
}
