import type { WriteBudgetLimits } from "../store/stores";
import type { Env } from "./env";

export interface WriteBudgetSettings {
  /** For `createStores(…, { writeBudget })`: the limits every worker's budget enforces. */
  limits: Pick<WriteBudgetLimits, "perMinute" | "perHour" | "concurrent">;
  /** For `installationOctokitWithBudget`: the longest a worker sleeps for the budget before deferring the job. */
  maxWaitMs: number;
}

/** The write budget's settings from the environment (defaults: GitHub's documented limits). */
export function writeBudgetSettings(env: Env): WriteBudgetSettings {
  return {
    limits: { perMinute: env.SLIPWAY_WRITES_PER_MINUTE, perHour: env.SLIPWAY_WRITES_PER_HOUR, concurrent: env.SLIPWAY_CONCURRENT_WRITES },
    maxWaitMs: env.SLIPWAY_WRITE_WAIT_SECONDS * 1000,
  };
}
