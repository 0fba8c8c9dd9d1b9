import { JOB_SHAPES } from "../job-shapes";
import { sweep, type SweepResult } from "../sweeper/sweep";
import { createQueue } from "./create-queue";
import { env, once, storage } from "./aws-runtime";
import { createJsonLogger } from "./json-logger";
import { createAppOctokit } from "./app-octokit";
import { githubBaseUrl } from "./github-base-url";
import { reconcileDeliveries } from "../sweeper/reconcile-deliveries";

/** The scheduled sweep: expired previews and stuck jobs. */
export const awsSweeper = once(async () => {
  const [config, { stores }] = await Promise.all([env(), storage()]);
  const log = createJsonLogger(config, "sweeper");
  // The private key comes from SSM at cold start (see aws-runtime); Probot is not loaded here.
  // Built on first use, so missing credentials fail the reconciliation, never the sweep.
  let github: ReturnType<typeof createAppOctokit> | undefined;
  const appOctokit = () => (github ??= createAppOctokit({ appId: config.APP_ID, privateKey: config.PRIVATE_KEY, baseUrl: githubBaseUrl(config) }));
  const deps = {
    stores,
    queue: createQueue(config, log),
    kinds: JOB_SHAPES,
    maxAttempts: config.SLIPWAY_MAX_ATTEMPTS,
    stuckAfterMs: config.SLIPWAY_STUCK_AFTER_MINUTES * 60_000,
    log,
    reconcile: async () =>
      reconcileDeliveries({ github: appOctokit(), jobs: stores.jobs, redeliveries: stores.redeliveries, log }, new Date()),
  };
  return (): Promise<SweepResult> => sweep(deps, new Date());
});
