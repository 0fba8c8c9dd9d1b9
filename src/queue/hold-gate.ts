export interface HoldGateOptions {
  /** After the last hold is released, batches wait this much longer for the next one. */
  quietMs: number;
  /** Holds keep batches back for at most this long at a stretch, however steady the deliveries. */
  maxWaitMs: number;
  /** Called once batches may start again after the gate kept one back. */
  reopened(): void;
}

/**
 * When the in-process queue may start a batch. The local server holds it while it records a
 * webhook delivery, and for `quietMs` after the last one, so a burst of deliveries is
 * acknowledged before any job shares the process with it; but a batch kept back waits at most
 * `maxWaitMs`, so a steady stream of deliveries never starves the jobs.
 */
export class HoldGate {
  private holds = 0;
  private quietUntil = 0;
  /** When the gate first kept a batch back, while it still does. */
  private closedSince: number | undefined;
  private wake: { at: number; timer: NodeJS.Timeout } | undefined;

  constructor(private readonly options: HoldGateOptions) {}

  /** Keeps batches back until the returned release is called (and the quiet time after it). */
  hold(): () => void {
    this.holds += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds -= 1;
      if (this.holds > 0) return;
      this.quietUntil = Date.now() + this.options.quietMs;
      if (this.closedSince !== undefined) this.wakeAt(this.quietUntil);
    };
  }

  /** True when a batch may start now; when false, `reopened` is called once one may. */
  admits(): boolean {
    const now = Date.now();
    const quiet = this.holds === 0 && now >= this.quietUntil;
    if (quiet || (this.closedSince !== undefined && now - this.closedSince >= this.options.maxWaitMs)) {
      this.closedSince = undefined;
      return true;
    }
    this.closedSince ??= now;
    this.wakeAt(this.holds === 0 ? Math.min(this.quietUntil, this.closedSince + this.options.maxWaitMs) : this.closedSince + this.options.maxWaitMs);
    return false;
  }

  /** Cancels the pending wake-up: nothing is called after this. */
  close(): void {
    if (this.wake) clearTimeout(this.wake.timer);
    this.wake = undefined;
  }

  private wakeAt(at: number): void {
    if (this.wake && this.wake.at <= at) return;
    if (this.wake) clearTimeout(this.wake.timer);
    const timer = setTimeout(() => {
      this.wake = undefined;
      this.options.reopened();
    }, Math.max(0, at - Date.now()));
    this.wake = { at, timer };
  }
}
