import type { Logger } from "probot";
import type { KnownObjects } from "../../github/create-once";
import { upsertCheckRun, type CheckRunOctokit } from "../../github/upsert-check-run";
import { renderPublishCheck, type PublishCheckInput } from "./render-publish-check";
import type { TargetReport } from "./target-report";

/** Progress reports closer together than this are dropped: the final report has everything. */
export const PROGRESS_INTERVAL_MS = 5_000;

export interface PublishCheckReporter {
  /** Opens the run (`in_progress`); a failure here is the job's (nothing was published yet). */
  start(targets: readonly TargetReport[]): Promise<void>;
  /** Shows progress, unless a report went out less than {@link PROGRESS_INTERVAL_MS} ago or is still on its way. */
  progress(targets: readonly TargetReport[]): void;
  /** Completes the run with every target's outcome. */
  finish(targets: readonly TargetReport[], headline?: string): Promise<void>;
}

/**
 * The `Slipway / publish` check run of one publish run, with few GitHub calls: created once,
 * updated with progress at most every few seconds (coalesced: a change while a report is on
 * its way waits for the next), and completed once at the end.
 */
export function publishCheckReporter(
  octokit: CheckRunOctokit,
  known: KnownObjects,
  release: Omit<PublishCheckInput, "targets" | "running" | "headline">,
  { now, log, intervalMs = PROGRESS_INTERVAL_MS }: { now(): Date; log: Logger; intervalMs?: number },
): PublishCheckReporter {
  let lastSent = Number.NEGATIVE_INFINITY;
  let inFlight: Promise<void> | undefined;
  const send = async (targets: readonly TargetReport[], running: boolean, headline?: string) => {
    lastSent = now().getTime();
    await upsertCheckRun(octokit, renderPublishCheck({ ...release, targets, running, ...(headline === undefined ? {} : { headline }) }), known);
  };
  return {
    start: (targets) => send(targets, true),
    progress(targets) {
      if (inFlight || now().getTime() - lastSent < intervalMs) return;
      inFlight = send(targets, true)
        .catch((error: unknown) => log.warn({ err: error }, "the publish check run could not show progress; the final report will"))
        .finally(() => {
          inFlight = undefined;
        });
    },
    async finish(targets, headline) {
      await inFlight;
      await send(targets, false, headline);
    },
  };
}
