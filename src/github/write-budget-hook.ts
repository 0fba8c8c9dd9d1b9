import type { WriteBudgetStore, WriteBudgetTake } from "../store/stores";
import type { Octokit } from "./octokit";
import { rateLimitPause } from "./rate-limit-pause";
import { WriteBudgetDeferredError } from "./write-budget-deferred-error";

/** GitHub's content-creating methods: the ones its secondary limits count. */
const WRITE_METHODS = new Set(["POST", "PATCH", "PUT", "DELETE"]);
/** The installation token exchange: app-authenticated, not content-creating, and not the installation's. */
const TOKEN_EXCHANGE = /\/app\/installations\/[^/]+\/access_tokens$/;

export interface WriteBudgetHookOptions {
  installationId: number;
  store: Pick<WriteBudgetStore, "take" | "release" | "pauseUntil">;
  /** The longest a request waits for the budget in this process; a longer wait defers the job. Default 3 s. */
  maxWaitMs?: number;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  log?: { warn(details: object, message: string): void };
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function pathOf(url: string): string {
  return url.split("?")[0] ?? "";
}

/** The path of the request an Octokit error is about, when it says. */
function failedRequestPath(error: unknown): string | undefined {
  if (!(error instanceof Error) || !("request" in error)) return undefined;
  const request: unknown = error.request;
  if (typeof request !== "object" || request === null || !("url" in request) || typeof request.url !== "string") return undefined;
  return pathOf(request.url);
}

function describeWait(take: Extract<WriteBudgetTake, { go: false }>): string {
  switch (take.reason) {
    case "paused":
      return `paused: ${take.pauseReason ?? "GitHub answered with a rate limit"}`;
    case "per-minute":
      return "the per-minute write limit is spent";
    case "per-hour":
      return "the per-hour write limit is spent";
    case "concurrency":
      return "the installation's concurrent writes stayed busy";
  }
}

/**
 * Puts one installation's client under its write budget. Every content-creating request (POST,
 * PATCH, PUT, DELETE), except the token exchange, first takes room from the budget: it goes at
 * once while there is room, sleeps a wait of up to `maxWaitMs`, and throws a
 * `WriteBudgetDeferredError` for a longer one. Any request, reads included, that GitHub answers
 * with a rate limit pauses the installation's budget for every worker until the time GitHub
 * names, and throws a `WriteBudgetDeferredError` too.
 *
 * The hook wraps the whole request, Octokit's retries of 5xx answers included: a write takes
 * room once however often the retry plugin repeats it.
 */
export function applyWriteBudget(octokit: Pick<Octokit, "hook">, options: WriteBudgetHookOptions): void {
  const { installationId, store } = options;
  const maxWaitMs = options.maxWaitMs ?? 3000;
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? realSleep;

  async function takeRoom(): Promise<string> {
    let waited = 0;
    for (;;) {
      const take = await store.take(installationId, now());
      if (take.go) return take.lease;
      const wait = Math.max(0, take.retryAt.getTime() - now().getTime());
      if (waited + wait > maxWaitMs) throw new WriteBudgetDeferredError({ installationId, retryAt: take.retryAt, reason: describeWait(take) });
      await sleep(wait);
      waited += wait;
    }
  }

  octokit.hook.wrap("request", async (request, endpoint) => {
    const path = pathOf(endpoint.url);
    if (TOKEN_EXCHANGE.test(path)) return request(endpoint);
    const lease = WRITE_METHODS.has(endpoint.method.toUpperCase()) ? await takeRoom() : undefined;
    try {
      return await request(endpoint);
    } catch (error) {
      const pause = rateLimitPause(error, now());
      // A failed token exchange surfaces through the request that needed the token; its limit is the app's.
      if (!pause || TOKEN_EXCHANGE.test(failedRequestPath(error) ?? path)) throw error;
      options.log?.warn({ installationId, until: pause.until.toISOString(), method: endpoint.method, url: endpoint.url }, `pausing GitHub writes: ${pause.reason}`);
      await store.pauseUntil(installationId, pause.until, pause.reason);
      throw new WriteBudgetDeferredError({ installationId, retryAt: pause.until, reason: pause.reason });
    } finally {
      if (lease) {
        await store.release(installationId, lease).catch((error: unknown) =>
          // The lease lapses by itself; a failed release only holds the slot until then.
          options.log?.warn({ err: error, installationId }, "could not give a write's concurrency slot back"),
        );
      }
    }
  });
}
