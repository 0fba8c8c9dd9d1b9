import { setTimeout as sleep } from "node:timers/promises";
import type { GitHubStandIn } from "../github-stand-in";
import type { PullRequest, Repository } from "../stand-in/model";
import { openPullRequest, pushToPullRequest } from "./bench-repository";
import type { BenchRuntime } from "./bench-runtime";
import { pullRequestPayload } from "./payloads";
import { servedCommit } from "./site";

export interface BurstOptions {
  /**
   * Where the runtime's first deliveries go before the burst (a repository of another
   * installation, so their writes leave the burst's budget alone): the burst reaches a runtime
   * that has already served deliveries, as a running Slipway has.
   */
  warmUp: Repository;
  pullRequests: number;
  pushesEach: number;
  /** Deliveries in flight at once; a pull request's next push is sent only after its previous one was answered. */
  concurrency: number;
  boundMs: number;
  /** How long to wait, after the figures, for the runtime to finish its backlog before counting Deployments. */
  settleMs: number;
}

export interface BurstFigures {
  /** Acknowledgement times of the runtime's first deliveries (the warm-up, sent at once just after it started), ms. */
  freshAcks: number[];
  /** Webhook acknowledgement times of the burst's deliveries, ms. */
  acks: number[];
  /** Deliveries answered with anything but 200. */
  failedAcks: number;
  /** Last delivery acknowledged → every pull request's URL serves its newest commit, ms; undefined past the bound. */
  convergedMs?: number;
  /** Pull requests serving their newest commit when the bound passed (or at convergence). */
  servingNewest: number;
  /** After the backlog settled: pull requests still serving their newest commit. */
  stillNewestAfter: number;
  /** The extra pull request: `opened` sent → its Deployment `success`, ms; undefined past the bound. */
  extraMs?: number;
  /** Deployments the stand-in created for the burst's pull requests. */
  deployments: number;
  /** Of those, Deployments of commits that were not their pull request's newest. */
  intermediateDeployments: number;
  /** True when the runtime finished its backlog within the settle time, so `deployments` is final. */
  settled: boolean;
}

/** When push `k` (of `pushes`) of a pull request happened: the pushes of the last seconds share one second, as GitHub's timestamps do. */
function pushTime(start: number, k: number, pushes: number): number {
  return start + Math.floor((k * 3) / pushes) * 1000;
}

/** Sends the burst's `synchronize` deliveries in push order, `concurrency` at a time; returns their acknowledgement times. */
export async function sendBurst(github: GitHubStandIn, repository: Repository, pulls: PullRequest[], options: Pick<BurstOptions, "pushesEach" | "concurrency">): Promise<{ acks: number[]; failed: number }> {
  const start = Math.floor(Date.now() / 1000) * 1000;
  // Push order: round k pushes once to every pull request.
  const pending = Array.from({ length: options.pushesEach }, (_, k) => pulls.map((pull) => ({ pull, k }))).flat();
  const busy = new Set<number>();
  const acks: number[] = [];
  let failed = 0;
  const lane = async () => {
    for (;;) {
      const index = pending.findIndex((push) => !busy.has(push.pull.number));
      if (index < 0) {
        if (pending.length === 0) return;
        await sleep(1);
        continue;
      }
      const [push] = pending.splice(index, 1);
      if (!push) continue;
      busy.add(push.pull.number);
      const { before } = pushToPullRequest(github.model, repository, push.pull, pushTime(start, push.k, options.pushesEach));
      const ack = await github.deliver("pull_request", pullRequestPayload(repository, push.pull, "synchronize", before));
      acks.push(ack.ms);
      if (ack.status !== 200) failed++;
      busy.delete(push.pull.number);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, lane));
  return { acks, failed };
}

/** Deliveries a runtime serves before the burst, all sent at once. */
export const WARM_UP_DELIVERIES = 4;

/** `opened` of {@link WARM_UP_DELIVERIES} new pull requests of `repository`, sent at once; returns their acknowledgement times. */
export async function sendWarmUp(github: GitHubStandIn, repository: Repository): Promise<number[]> {
  const pulls = Array.from({ length: WARM_UP_DELIVERIES }, (_, index) => openPullRequest(github.model, repository, index + 1));
  const acks = await Promise.all(pulls.map((pull) => github.deliver("pull_request", pullRequestPayload(repository, pull, "opened"))));
  const failed = acks.filter((ack) => ack.status !== 200);
  if (failed.length > 0) throw new Error(`${failed.length} warm-up deliveries were answered ${failed.map((ack) => ack.status).join(", ")}`);
  return acks.map((ack) => ack.ms);
}

/** A pull request's URL is polled at least this often while it has not converged. */
const POLL_EVERY_MS = 500;

/**
 * Watches every pull request's preview URL until each serves its newest commit. A URL is
 * fetched at once when the stand-in sees a Deployment status in its environment (the replaced
 * Deployment going inactive follows the pointer's move), and otherwise every
 * {@link POLL_EVERY_MS}, so the watching adds little load to the runtime it measures.
 */
async function waitForConvergence(github: GitHubStandIn, runtime: BenchRuntime, repository: Repository, pulls: PullRequest[], deadline: number): Promise<{ at?: number; serving: number }> {
  const waiting = new Map(pulls.map((pull) => [`pr-${pull.number}`, { pull, polledAt: -Infinity, due: true }]));
  let seen = 0;
  while (waiting.size > 0 && performance.now() < deadline) {
    for (const status of github.deploymentStatuses.slice(seen)) {
      const watch = status.repo === repository.name ? waiting.get(status.environment) : undefined;
      if (watch) watch.due = true;
    }
    seen = github.deploymentStatuses.length;
    for (const [environment, watch] of waiting) {
      if (!watch.due && performance.now() - watch.polledAt < POLL_EVERY_MS) continue;
      Object.assign(watch, { polledAt: performance.now(), due: false });
      if ((await servedCommit(`${runtime.siteBase}/${repository.owner}/${repository.name}/${environment}/`)) === watch.pull.headSha) waiting.delete(environment);
    }
    if (waiting.size > 0) await sleep(5);
  }
  return { ...(waiting.size === 0 ? { at: performance.now() } : {}), serving: pulls.length - waiting.size };
}

async function countServingNewest(runtime: BenchRuntime, repository: Repository, pulls: PullRequest[]): Promise<number> {
  let count = 0;
  for (const pull of pulls) if ((await servedCommit(`${runtime.siteBase}/${repository.owner}/${repository.name}/pr-${pull.number}/`)) === pull.headSha) count++;
  return count;
}

/**
 * First the warm-up, whose previews run to the end; then `pushesEach` pushes to each of
 * `pullRequests` pull requests Slipway has not seen before, sent as `synchronize` deliveries in
 * push order; right after the last one, another pull request is opened. Measured:
 * acknowledgement times; from the last acknowledgement until every pull request's preview
 * serves its newest commit; the extra preview's time to success; and, once the backlog has
 * settled, the Deployments created.
 */
export async function measureBurst(github: GitHubStandIn, runtime: BenchRuntime, repository: Repository, options: BurstOptions): Promise<BurstFigures> {
  const freshAcks = await sendWarmUp(github, options.warmUp);
  if (!(await runtime.child.drain(options.settleMs))) throw new Error(`The warm-up's previews did not finish within ${options.settleMs / 1000} s`);
  const pulls = Array.from({ length: options.pullRequests }, (_, index) => openPullRequest(github.model, repository, index + 1));
  const { acks, failed } = await sendBurst(github, repository, pulls, options);
  const lastAck = performance.now();

  const extra = openPullRequest(github.model, repository, options.pullRequests + 1);
  const extraSent = performance.now();
  const extraDone = github
    .deliver("pull_request", pullRequestPayload(repository, extra, "opened"))
    .then(() =>
      github.waitForDeploymentStatus(
        (status) => status.repo === repository.name && status.environment === `pr-${extra.number}` && status.sha === extra.headSha && status.state === "success",
        options.boundMs - (performance.now() - extraSent),
      ),
    );
  const [converged, extraAt] = await Promise.all([waitForConvergence(github, runtime, repository, pulls, lastAck + options.boundMs), extraDone]);

  const settled = await runtime.child.drain(options.settleMs);
  const newest = new Set(pulls.map((pull) => pull.headSha));
  const environments = new Set(pulls.map((pull) => `pr-${pull.number}`));
  const deployments = repository.deployments.filter((deployment) => environments.has(deployment.environment));
  return {
    freshAcks,
    acks,
    failedAcks: failed,
    ...(converged.at === undefined ? {} : { convergedMs: converged.at - lastAck }),
    servingNewest: converged.serving,
    stillNewestAfter: await countServingNewest(runtime, repository, pulls),
    ...(extraAt === undefined ? {} : { extraMs: extraAt - extraSent }),
    deployments: deployments.length,
    intermediateDeployments: deployments.filter((deployment) => !newest.has(deployment.sha)).length,
    settled,
  };
}
