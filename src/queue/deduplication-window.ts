/** SQS FIFO drops a message whose deduplication id was sent within the last five minutes. */
const DEDUPLICATION_WINDOW_MS = 5 * 60 * 1000;

/** The deduplication ids sent in the last five minutes, as an SQS FIFO queue remembers them. */
export class DeduplicationWindow {
  private readonly expiries = new Map<string, number>();

  /** Records the id and returns true, or returns false when it was sent within the window. */
  admit(id: string, now: number): boolean {
    for (const [seen, expiresAt] of this.expiries) if (expiresAt <= now) this.expiries.delete(seen);
    if (this.expiries.has(id)) return false;
    this.expiries.set(id, now + DEDUPLICATION_WINDOW_MS);
    return true;
  }
}
