import type { AppOctokit } from "../github/app-octokit";
import type { WebhookDelivery } from "../github/list-app-webhook-deliveries";
import { githubErrorStatus } from "../github/github-error";
import { rateLimitPause } from "../github/rate-limit-pause";
import { redeliverAppWebhookDelivery } from "../github/redeliver-app-webhook-delivery";
import { intakeJobId } from "../jobs/intake/intake-job";
import type { JobStore, RedeliveryStore } from "../store/stores";
import { listDeliveriesSince } from "./list-deliveries-since";

/** GitHub redelivers deliveries of the last 3 days only. */
const LOOKBACK_MS = 3 * 24 * 60 * 60 * 1000;

export interface ReconcileLimits {
  /** Redeliveries asked for in one sweep at most; the rest wait for the next sweep. */
  maxRedeliveries: number;
  /** Pause between two redeliveries: they are app-level writes, which GitHub asks to space a second apart. */
  paceMs: number;
  /** Pages of 100 deliveries read in one sweep at most. */
  maxPages: number;
  /** A failed delivery this recent is left for the next sweep: the webhook handler may still be recording it. */
  settleAfterMs: number;
}

const DEFAULT_LIMITS: ReconcileLimits = { maxRedeliveries: 30, paceMs: 1000, maxPages: 50, settleAfterMs: 2 * 60 * 1000 };

export interface ReconcileDeps {
  github: AppOctokit;
  /** Where the webhook path records deliveries, as intake jobs (see `acceptDelivery`). */
  jobs: Pick<JobStore, "get">;
  redeliveries: RedeliveryStore;
  log: { info(details: object, message: string): void; warn(details: object, message: string): void };
  limits?: Partial<ReconcileLimits>;
  sleep?: (ms: number) => Promise<void>;
}

export interface ReconcileResult {
  /** Deliveries read back to the watermark. */
  listed: number;
  /** GUIDs of the events redelivered in this sweep, oldest first. */
  redelivered: string[];
  /** Events left unsettled for a later sweep. */
  pending: number;
  /** The watermark after this sweep (a delivery id), when there is one. */
  watermark?: number;
  /** Why the sweep stopped early (a rate limit, an error): the next sweep continues. */
  stopped?: string;
}

/** An event is settled once nothing more is to be done for it: the watermark may pass it. */
type Verdict = "settled" | "redeliver" | "later";

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Self-healing: GitHub never redelivers a failed webhook by itself, so each sweep
 * 1. pages the app's webhook deliveries back to the watermark (at most 3 days);
 * 2. groups them by event (`guid`) and settles every event that has a 2xx attempt, that Slipway
 *    recorded (its intake job exists) or that this reconciler already redelivered;
 * 3. redelivers the others, oldest first, each once ever, spaced `paceMs` apart, stopping at the
 *    first rate-limit answer (the next sweep continues);
 * 4. moves the watermark up to the newest delivery before which every event is settled.
 */
export async function reconcileDeliveries(deps: ReconcileDeps, now: Date): Promise<ReconcileResult> {
  const limits = { ...DEFAULT_LIMITS, ...deps.limits };
  const sleep = deps.sleep ?? realSleep;
  const watermark = await deps.redeliveries.watermark();

  let listing;
  try {
    listing = await listDeliveriesSince(deps.github, { watermark, oldest: new Date(now.getTime() - LOOKBACK_MS), maxPages: limits.maxPages });
  } catch (error) {
    const stopped = stopReason(error, now);
    deps.log.warn({ err: error }, `could not list webhook deliveries (${stopped}); the next sweep tries again`);
    return { listed: 0, redelivered: [], pending: 0, ...(watermark ? { watermark: watermark.deliveryId } : {}), stopped };
  }

  const oldestFirst = [...listing.deliveries].sort((a, b) => a.id - b.id);
  const verdicts = await judge(deps, groupByGuid(oldestFirst), now, limits.settleAfterMs);

  const redelivered: string[] = [];
  let stopped: string | undefined;
  for (const [guid, attempts] of groupByGuid(oldestFirst)) {
    if (verdicts.get(guid) !== "redeliver") continue;
    if (stopped || redelivered.length >= limits.maxRedeliveries) {
      verdicts.set(guid, "later");
      continue;
    }
    if (redelivered.length > 0) await sleep(limits.paceMs);
    const outcome = await redeliver(deps, guid, attempts, now);
    verdicts.set(guid, outcome.verdict);
    if (outcome.verdict === "settled" && outcome.redelivered) redelivered.push(guid);
    stopped = outcome.stopped;
  }

  let mark: WebhookDelivery | undefined;
  for (const delivery of oldestFirst) {
    if (verdicts.get(delivery.guid) !== "settled") break;
    mark = delivery;
  }
  // Only a listing that reached the old watermark (or 3 days back) shows that nothing older is unsettled.
  const advanced = listing.complete ? mark : undefined;
  if (advanced) await deps.redeliveries.advanceWatermark({ deliveryId: advanced.id, deliveredAt: advanced.delivered_at });
  if (!listing.complete) stopped ??= `more than ${limits.maxPages} pages of deliveries since the watermark`;

  const current = advanced?.id ?? watermark?.deliveryId;
  const result: ReconcileResult = {
    listed: listing.deliveries.length,
    redelivered,
    pending: [...verdicts.values()].filter((verdict) => verdict !== "settled").length,
    ...(current !== undefined ? { watermark: current } : {}),
    ...(stopped ? { stopped } : {}),
  };
  deps.log.info({ ...result, redelivered: redelivered.length }, "webhook deliveries reconciled");
  return result;
}

function groupByGuid(deliveries: WebhookDelivery[]): Map<string, WebhookDelivery[]> {
  const groups = new Map<string, WebhookDelivery[]>();
  for (const delivery of deliveries) groups.set(delivery.guid, [...(groups.get(delivery.guid) ?? []), delivery]);
  return groups;
}

async function judge(deps: ReconcileDeps, events: Map<string, WebhookDelivery[]>, now: Date, settleAfterMs: number): Promise<Map<string, Verdict>> {
  const verdicts = new Map<string, Verdict>();
  for (const [guid, attempts] of events) {
    if (attempts.some((attempt) => attempt.status_code >= 200 && attempt.status_code < 300)) verdicts.set(guid, "settled");
    else if ((await deps.redeliveries.has(guid)) || (await deps.jobs.get(intakeJobId(guid))) !== undefined) verdicts.set(guid, "settled");
    else if (attempts.every((attempt) => now.getTime() - Date.parse(attempt.delivered_at) < settleAfterMs)) verdicts.set(guid, "later");
    else verdicts.set(guid, "redeliver");
  }
  return verdicts;
}

/** Redelivers one event (its newest attempt), claimed first so that no sweep ever redelivers it again. */
async function redeliver(
  deps: ReconcileDeps,
  guid: string,
  attempts: WebhookDelivery[],
  now: Date,
): Promise<{ verdict: Verdict; redelivered?: boolean; stopped?: string }> {
  const newest = attempts[attempts.length - 1];
  if (!newest || !(await deps.redeliveries.claim(guid, newest.id, now))) return { verdict: "settled" };
  try {
    await redeliverAppWebhookDelivery(deps.github, newest.id);
    deps.log.info({ guid, deliveryId: newest.id, event: newest.event, action: newest.action }, "redelivered a webhook delivery Slipway missed");
    return { verdict: "settled", redelivered: true };
  } catch (error) {
    const status = githubErrorStatus(error);
    const stopped = rateLimitPause(error, now) ? stopReason(error, now) : undefined;
    if (!stopped && status !== undefined && status >= 400 && status < 500) {
      // GitHub refuses this one for good (too old, gone): there is nothing more to do for it.
      deps.log.warn({ err: error, guid, deliveryId: newest.id }, "GitHub refused to redeliver a missed webhook delivery");
      return { verdict: "settled" };
    }
    await deps.redeliveries.release(guid);
    deps.log.warn({ err: error, guid, deliveryId: newest.id }, "could not redeliver a missed webhook delivery; the next sweep tries again");
    return { verdict: "later", ...(stopped ? { stopped } : {}) };
  }
}

function stopReason(error: unknown, now: Date): string {
  const pause = rateLimitPause(error, now);
  if (pause) return `rate-limited until ${pause.until.toISOString()}: ${pause.reason}`;
  return error instanceof Error ? error.message : String(error);
}
