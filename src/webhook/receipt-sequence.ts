let last = 0;

/**
 * Orders deliveries by when Slipway received them, for events GitHub stamps with the same
 * second: epoch microseconds, strictly increasing within a process (two deliveries in one
 * millisecond still get two numbers).
 */
export function receiptSequence(now: Date): number {
  last = Math.max(now.getTime() * 1000, last + 1);
  return last;
}
