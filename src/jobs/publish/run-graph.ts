/** How one run of the `needs` graph ended for the targets it was given. */
export interface GraphResult {
  /** Targets that ran and succeeded, in the order they finished. */
  succeeded: string[];
  /** Targets that ran and did not succeed. */
  failed: string[];
  /** Targets never started, by the need that failed (or was itself blocked). */
  blocked: Map<string, string>;
}

/**
 * Runs `run` for every target of `targets` not in `done`, each as soon as all its needs have
 * succeeded (in this run, or earlier: `done`), with at most `concurrency` at once. A target
 * whose need failed or was blocked never starts and is returned as blocked; independent
 * targets carry on. `run` resolves true when the target succeeded. A `run` that rejects (the
 * job has to wait, say) counts as failed for its dependents; the others finish, then the first
 * rejection is thrown.
 */
export async function runGraph(
  targets: Readonly<Record<string, { needs: readonly string[] }>>,
  { concurrency, done, run }: { concurrency: number; done: ReadonlySet<string>; run(name: string): Promise<boolean> },
): Promise<GraphResult> {
  const result: GraphResult = { succeeded: [], failed: [], blocked: new Map() };
  const ok = new Set(done);
  const notOk = new Set<string>();
  const pending = new Set(Object.keys(targets).filter((name) => !done.has(name)));
  const running = new Map<string, Promise<void>>();
  const rejections: unknown[] = [];

  for (;;) {
    // Blocking spreads down the graph before anything new starts.
    for (let changed = true; changed; ) {
      changed = false;
      for (const name of pending) {
        const failedNeed = (targets[name]?.needs ?? []).find((need) => notOk.has(need));
        if (failedNeed === undefined) continue;
        pending.delete(name);
        notOk.add(name);
        result.blocked.set(name, failedNeed);
        changed = true;
      }
    }
    for (const name of pending) {
      if (running.size >= concurrency) break;
      if (!(targets[name]?.needs ?? []).every((need) => ok.has(need))) continue;
      pending.delete(name);
      running.set(
        name,
        run(name)
          .catch((error: unknown) => {
            rejections.push(error);
            return false;
          })
          .then((succeeded) => {
            running.delete(name);
            (succeeded ? ok : notOk).add(name);
            (succeeded ? result.succeeded : result.failed).push(name);
          }),
      );
    }
    if (running.size === 0) break;
    await Promise.race(running.values());
  }
  if (rejections.length > 0) throw rejections[0];
  // Left pending only with a need outside the graph or a cycle, which the config check refuses.
  for (const name of pending) result.blocked.set(name, (targets[name]?.needs ?? []).find((need) => !ok.has(need)) ?? name);
  return result;
}
