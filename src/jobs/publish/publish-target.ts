import { SUCCEEDED_STATES, type PublishLedgerRecord, type PublishState } from "../../model/publish-ledger";
import type { PublishLedgerStore } from "../../store/stores";
import { secretRedactor } from "../../secrets/secret-redactor";
import { JobDeferredError } from "../../util/job-deferred-error";
import type { PublishTarget } from "./targets/bind-target";
import { TargetConflictError, TargetError } from "./targets/common/target-errors";
import type { TargetRunContext } from "./targets/common/target";
import type { TargetReport } from "./target-report";
import { backOffMs, type Sleep } from "./with-back-off";

/** How long one attempt may hold a target in the ledger before another run may take it over. */
export const TARGET_LEASE_MS = 15 * 60_000;

export interface PublishTargetDeps {
  ledger: PublishLedgerStore;
  release: { owner: string; repo: string; releaseId: number; version: string };
  /** Tries after the first, for failures that may pass. */
  retries: number;
  sleep: Sleep;
  now(): Date;
  /** Called as the target moves on (publishing, each retry), for the check run. */
  onProgress(report: TargetReport): void;
}

/** Whether trying again later can help: a target's own errors say; anything else (network, GitHub) may pass. */
function retryable(error: unknown): boolean {
  return error instanceof TargetError ? error.retryable : true;
}

function describeError(error: unknown): string {
  return secretRedactor.mask(error instanceof Error ? error.message : String(error));
}

/**
 * Publishes one target of a release, at most once whatever happens around it:
 * 1. the ledger gives the target to this run (not when it succeeded before, or another run holds it);
 * 2. prepare, ask the destination what it holds, and publish only when it holds nothing;
 * 3. failures that may pass are tried again with back-off, up to `retries` times;
 * 4. the outcome is settled in the ledger.
 */
export async function publishTarget(target: PublishTarget, ctx: Omit<TargetRunContext, "log">, deps: PublishTargetDeps): Promise<TargetReport> {
  const { owner, repo, releaseId, version } = deps.release;
  const report: TargetReport = { name: target.name, type: target.config.type, outcome: "publishing", version, log: [] };
  const log = (line: string) => report.log.push(secretRedactor.mask(line));
  const key = { owner, repo, releaseId, target: target.name, version };

  const taken = await deps.ledger.begin(key, new Date(deps.now().getTime() + TARGET_LEASE_MS), deps.now());
  if (!taken) return alreadyTaken(report, deps);
  deps.onProgress({ ...report });

  let ended: { state: PublishState; digest?: string; link?: string; detail: string };
  for (let retry = 0; ; retry += 1) {
    try {
      ended = await attempt(target, { ...ctx, log });
      break;
    } catch (error) {
      if (error instanceof JobDeferredError) {
        // GitHub's write budget is spent: the whole job goes back on the queue, and this
        // target is left for its next run to take again.
        await deps.ledger.settle({ ...withoutLease(taken), state: "failed", startedAt: taken.updatedAt, updatedAt: deps.now().toISOString(), detail: `waiting for GitHub's write budget until ${error.retryAt.toISOString()}` });
        throw error;
      }
      const detail = describeError(error);
      log(`attempt ${retry + 1} failed: ${detail}`);
      if (retry < deps.retries && retryable(error)) {
        const wait = backOffMs(retry + 1);
        log(`trying again in ${wait / 1000} s (retry ${retry + 1} of ${deps.retries})`);
        deps.onProgress({ ...report, log: [...report.log] });
        await deps.sleep(wait);
        continue;
      }
      ended = { state: error instanceof TargetConflictError ? "conflict" : "failed", detail };
      break;
    }
  }

  const at = deps.now().toISOString();
  const record: PublishLedgerRecord = { ...withoutLease(taken), state: ended.state, startedAt: taken.updatedAt, updatedAt: at, detail: ended.detail, ...(ended.digest && { digest: ended.digest }), ...(ended.link && { link: ended.link }) };
  await deps.ledger.settle(record);
  return { ...report, outcome: ended.state === "running" ? "failed" : ended.state, at, detail: ended.detail, ...(ended.digest && { digest: ended.digest }), ...(ended.link && { link: ended.link }) };
}

function withoutLease(record: PublishLedgerRecord): PublishLedgerRecord {
  const { until: _until, ...rest } = record;
  return rest;
}

async function attempt(target: PublishTarget, ctx: TargetRunContext): Promise<{ state: PublishState; digest?: string; link?: string; detail: string }> {
  const prepared = await target.prepare(ctx);
  try {
    ctx.log(`prepared ${prepared.summary}`);
    const found = await target.probe(ctx, prepared);
    ctx.log(`destination: ${found.detail}`);
    if (found.state === "identical") return { state: "identical", digest: found.digest, link: found.link, detail: `already published, identical: ${found.detail}` };
    if (found.state === "different") throw new TargetConflictError(`${found.detail}; it is never overwritten. Publish a new version (a new release), or remove what is there by hand and retry.`);
    const published = await target.publish(ctx, prepared);
    ctx.log(`published to ${published.link}`);
    return { state: "published", digest: published.digest, link: published.link, detail: `published ${prepared.summary}` };
  } finally {
    await prepared.dispose();
  }
}

/** The ledger did not give the target to this run: it succeeded earlier, or another run holds it. */
async function alreadyTaken(report: TargetReport, deps: PublishTargetDeps): Promise<TargetReport> {
  const { owner, repo, releaseId } = deps.release;
  const entry = (await deps.ledger.list(owner, repo, releaseId)).find((found) => found.target === report.name);
  if (entry && SUCCEEDED_STATES.includes(entry.state)) {
    return { ...report, outcome: "earlier", at: entry.updatedAt, detail: entry.detail ?? `${entry.state} by an earlier run`, ...(entry.digest && { digest: entry.digest }), ...(entry.link && { link: entry.link }) };
  }
  const until = entry?.until ? ` until ${entry.until}` : "";
  return { ...report, outcome: "busy", at: deps.now().toISOString(), detail: `another run of this release is publishing ${report.name}${until}; press "Retry failed" after that if it did not succeed.` };
}
