/** The first wait before a target is tried again, doubled each time up to {@link MAX_BACK_OFF_MS}. */
export const FIRST_BACK_OFF_MS = 2_000;
export const MAX_BACK_OFF_MS = 60_000;

/** How long to wait before try number `retry` (1 for the first retry): 2 s, 4 s, 8 s … at most 60 s. */
export function backOffMs(retry: number): number {
  return Math.min(MAX_BACK_OFF_MS, FIRST_BACK_OFF_MS * 2 ** Math.max(0, retry - 1));
}

export type Sleep = (ms: number) => Promise<void>;

export const sleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
