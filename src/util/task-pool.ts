/**
 * Runs async tasks with at most `limit` in flight. `add` resolves as soon as the task has a
 * slot (so a streaming producer keeps reading while uploads run), `drain` when all are done
 * and rejects with the first failure.
 */
export function taskPool(limit: number) {
  const running = new Set<Promise<void>>();
  let failure: unknown;
  let failed = false;

  return {
    async add(task: () => Promise<void>): Promise<void> {
      while (running.size >= limit) await Promise.race(running);
      if (failed) throw failure;
      const promise: Promise<void> = task()
        .catch((error: unknown) => {
          if (!failed) {
            failed = true;
            failure = error;
          }
        })
        .finally(() => running.delete(promise));
      running.add(promise);
    },
    async drain(): Promise<void> {
      await Promise.all(running);
      if (failed) throw failure;
    },
  };
}
