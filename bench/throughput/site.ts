import { setTimeout as sleep } from "node:timers/promises";

/** The commit an environment's URL serves now (from the page's `data-commit`), or undefined when it serves nothing. */
export async function servedCommit(environmentUrl: string): Promise<string | undefined> {
  const response = await fetch(environmentUrl);
  const page = await response.text();
  if (!response.ok) return undefined;
  return /data-commit="([0-9a-f]{40})"/.exec(page)?.[1];
}

/**
 * Polls `environmentUrl` every `everyMs` until it serves `sha`; resolves with the
 * `performance.now()` of the first answer that did, or undefined once `deadline` has passed.
 */
export async function waitUntilServed(environmentUrl: string, sha: string, deadline: number, everyMs: number): Promise<number | undefined> {
  while (performance.now() < deadline) {
    if ((await servedCommit(environmentUrl)) === sha) return performance.now();
    await sleep(everyMs);
  }
  return undefined;
}
