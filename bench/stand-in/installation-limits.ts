import type { RouteAnswer } from "./route";

/** GitHub's documented limits for one installation; settings, since GitHub changes them. */
export interface LimitSettings {
  /** Content-creating requests (POST, PATCH, PUT, DELETE) in any 60 s. */
  writesPerMinute: number;
  /** Content-creating requests in any hour. */
  writesPerHour: number;
  /** Requests in flight at once. */
  concurrent: number;
  /** The primary quota: requests per hour, reset hourly. */
  requestsPerHour: number;
}

export const GITHUB_LIMITS: LimitSettings = { writesPerMinute: 80, writesPerHour: 500, concurrent: 100, requestsPerHour: 5000 };

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const SECONDARY_DOCS = "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits";
const PRIMARY_DOCS = "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-primary-rate-limits";

interface InstallationState {
  /** Times (ms) of the content-creating requests let through in the last hour, oldest first. */
  writes: number[];
  inFlight: number;
  used: number;
  resetAt: number;
}

export type Admission =
  | { admitted: true; headers: Record<string, string>; release(): void }
  | { admitted: false; answer: RouteAnswer; reason: "secondary" | "primary" };

/**
 * Holds each installation to GitHub's limits the way GitHub does: a request over a secondary
 * limit is answered 403 with GitHub's message and `retry-after`, one over the hourly quota 403
 * with `x-ratelimit-remaining: 0`, so a client that does not pace itself is caught.
 */
export class InstallationLimits {
  private readonly installations = new Map<number, InstallationState>();

  constructor(private readonly settings: LimitSettings = GITHUB_LIMITS) {}

  admit(installationId: number, contentCreating: boolean, now = Date.now()): Admission {
    const state = this.stateOf(installationId, now);
    if (now >= state.resetAt) Object.assign(state, { used: 0, resetAt: now + HOUR_MS });
    state.used += 1;
    const headers = () => ({
      "x-ratelimit-limit": String(this.settings.requestsPerHour),
      "x-ratelimit-remaining": String(Math.max(0, this.settings.requestsPerHour - state.used)),
      "x-ratelimit-reset": String(Math.ceil(state.resetAt / 1000)),
      "x-ratelimit-used": String(state.used),
      "x-ratelimit-resource": "core",
    });

    if (state.used > this.settings.requestsPerHour) {
      return {
        admitted: false,
        reason: "primary",
        answer: { status: 403, headers: headers(), body: { message: `API rate limit exceeded for installation ID ${installationId}.`, documentation_url: PRIMARY_DOCS, status: "403" } },
      };
    }
    const retryAfter = this.secondaryWait(state, contentCreating, now);
    if (retryAfter !== undefined) {
      return {
        admitted: false,
        reason: "secondary",
        answer: {
          status: 403,
          headers: { ...headers(), "retry-after": String(retryAfter) },
          body: {
            message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.",
            documentation_url: SECONDARY_DOCS,
            status: "403",
          },
        },
      };
    }
    if (contentCreating) state.writes.push(now);
    state.inFlight += 1;
    let released = false;
    return {
      admitted: true,
      headers: headers(),
      release: () => {
        if (!released) state.inFlight -= 1;
        released = true;
      },
    };
  }

  /** Seconds to wait, when this request would go over a secondary limit. */
  private secondaryWait(state: InstallationState, contentCreating: boolean, now: number): number | undefined {
    while (state.writes.length > 0 && (state.writes[0] ?? now) <= now - HOUR_MS) state.writes.shift();
    if (state.inFlight >= this.settings.concurrent) return 1;
    if (!contentCreating) return undefined;
    const lastMinute = state.writes.filter((at) => at > now - MINUTE_MS);
    const wait = (oldest: number | undefined, window: number) => Math.max(1, Math.ceil(((oldest ?? now) + window - now) / 1000));
    if (lastMinute.length >= this.settings.writesPerMinute) return wait(lastMinute[lastMinute.length - this.settings.writesPerMinute], MINUTE_MS);
    if (state.writes.length >= this.settings.writesPerHour) return wait(state.writes[state.writes.length - this.settings.writesPerHour], HOUR_MS);
    return undefined;
  }

  private stateOf(installationId: number, now: number): InstallationState {
    let state = this.installations.get(installationId);
    if (!state) {
      state = { writes: [], inFlight: 0, used: 0, resetAt: now + HOUR_MS };
      this.installations.set(installationId, state);
    }
    return state;
  }
}
