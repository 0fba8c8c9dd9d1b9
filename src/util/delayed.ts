/** A task that runs only if it is still wanted after a delay. */
export interface Delayed {
  /** Cancels the task if it has not started; otherwise waits for it (and passes on its failure). */
  settle(): Promise<void>;
}

/**
 * Runs `task` after `ms` unless settled first: for reports that would be stale the moment they
 * arrive when the work is quick (a "building…" status for a build that takes a second).
 */
export function delayed(ms: number, task: () => Promise<void>): Delayed {
  let running: Promise<void> | undefined;
  const timer = setTimeout(() => {
    running = task();
    // Observed here so a failure is not unhandled before `settle` passes it on.
    running.catch(() => undefined);
  }, ms);
  return {
    async settle() {
      clearTimeout(timer);
      await running;
    },
  };
}
