import { JOB_KINDS } from "../job-kinds";
import { sweep, type SweepResult } from "../sweeper/sweep";
import { createQueue } from "./create-queue";
import { env, once, storage } from "./aws-runtime";
import { createLogger } from "./create-logger";

/** The scheduled sweep: expired previews and stuck jobs. */
export const awsSweeper = once(async () => {
  const [config, { stores }] = await Promise.all([env(), storage()]);
  const log = createLogger(config, "sweeper");
  const deps = {
    stores,
    queue: createQueue(config, log),
    kinds: JOB_KINDS,
    maxAttempts: config.SLIPWAY_MAX_ATTEMPTS,
    stuckAfterMs: config.SLIPWAY_STUCK_AFTER_MINUTES * 60_000,
    log,
  };
  return (): Promise<SweepResult> => sweep(deps, new Date());
});
