/** How long GitHub asked to be left alone, and why (for logs and the budget's pause). */
export interface RateLimitPause {
  until: Date;
  reason: string;
}

/** GitHub's advice when a rate-limit answer names no time: wait at least a minute. */
const DEFAULT_PAUSE_MS = 60_000;

type Headers = Record<string, string | number | undefined>;
type FailedRequest = { status: number; message: string; response?: { headers?: Headers; data?: unknown } };

function isFailedRequest(error: unknown): error is FailedRequest {
  return error instanceof Error && "status" in error && typeof error.status === "number";
}

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return value === undefined ? undefined : String(value);
}

function answerMessage(error: FailedRequest): string {
  const data = error.response?.data;
  if (typeof data === "object" && data !== null && "message" in data && typeof data.message === "string") return data.message;
  return error.message;
}

/**
 * When an Octokit error is GitHub's rate-limit answer (403 or 429), the time GitHub names, as its
 * documentation says to read it: `retry-after` (seconds or a date) first; else, with
 * `x-ratelimit-remaining: 0`, the `x-ratelimit-reset` time; else, for a secondary-limit message
 * or any 429, one minute. Undefined for every other error, a 403 refusing permission included.
 */
export function rateLimitPause(error: unknown, now: Date): RateLimitPause | undefined {
  if (!isFailedRequest(error) || (error.status !== 403 && error.status !== 429)) return undefined;
  const headers = error.response?.headers ?? {};

  const retryAfter = header(headers, "retry-after");
  if (retryAfter !== undefined) {
    const until = /^\d+$/.test(retryAfter.trim()) ? now.getTime() + Number(retryAfter) * 1000 : Date.parse(retryAfter);
    if (Number.isFinite(until)) return { until: new Date(Math.max(until, now.getTime())), reason: `GitHub answered ${error.status} with retry-after: ${retryAfter}` };
  }

  if (header(headers, "x-ratelimit-remaining") === "0") {
    const reset = Number(header(headers, "x-ratelimit-reset")) * 1000;
    const until = Number.isFinite(reset) && reset > now.getTime() ? reset : now.getTime() + DEFAULT_PAUSE_MS;
    return { until: new Date(until), reason: `GitHub's primary rate limit is used up (x-ratelimit-remaining: 0, ${error.status})` };
  }

  const message = answerMessage(error).slice(0, 160);
  if (error.status === 429 || /secondary rate limit|abuse detection/i.test(message)) {
    return { until: new Date(now.getTime() + DEFAULT_PAUSE_MS), reason: `GitHub's secondary rate limit (${error.status}: ${message})` };
  }
  return undefined;
}
