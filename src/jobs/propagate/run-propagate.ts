import { knownObjects } from "../../github/known-objects";
import { upsertCheckRun } from "../../github/upsert-check-run";
import type { Octokit } from "../../github/octokit";
import { reportConfigProblems } from "../../report/report-config-problems";
import { JobDeferredError } from "../../util/job-deferred-error";
import type { JobContext, JobOutcome } from "../job-context";
import { findConsumers } from "./find-consumers";
import { loadPropagation } from "./load-propagation";
import type { PropagateJob, UpgradeJob } from "./propagate-jobs";
import { isPublished } from "./published-versions";
import { PROPAGATE_CHECK, writeCampaignCheck } from "./report-campaign";

/** Consumers upgraded at once per campaign: the check run fills progressively and other work keeps its share of the write budget. */
export const UPGRADES_IN_FLIGHT = 4;
/** How often a campaign looks for its version on the registry, and how long it waits at most. */
const PUBLISH_POLL_MS = 60_000;
const PUBLISH_WAIT_MS = 60 * 60_000;

/**
 * A release of a repository with `propagate:`:
 * 1. reads `propagate:` at the tag (nothing to do without it);
 * 2. waits until the version is on the registry (the consumers' lockfiles must resolve it);
 * 3. finds the consumers and records the campaign (a retry keeps the first list);
 * 4. writes the check run with a pending row per consumer, and starts the first upgrades;
 *    each upgrade starts the next one when it ends.
 */
export async function runPropagate(job: PropagateJob, ctx: JobContext): Promise<JobOutcome> {
  const { owner, repo } = job.repository;
  const octokit = await ctx.github(job.repository.installationId);
  // A repository without `propagate:` costs one read per release.
  const loaded = await loadPropagation(ctx, octokit, { owner, repo, tag: job.tag });
  if (loaded.ok === "absent") return { state: "succeeded", result: "the repository does not propagate its releases" };
  const { data: commit } = await octokit.rest.repos.getCommit({ owner, repo, ref: job.tag });
  const headSha = commit.sha;
  if (!loaded.ok) {
    await reportConfigProblems(octokit, { owner, repo, headSha }, loaded.problems, knownObjects(ctx.stores.githubObjects, owner, repo, ctx.now));
    return { state: "failed", result: `invalid propagate: ${loaded.problems.map((problem) => `${problem.key} ${problem.message}`).join("; ")}` };
  }
  const { config, packageName, token } = loaded.propagation;

  if (!(await isPublished(config.registry, packageName, job.version, token))) {
    const waited = ctx.now().getTime() - Date.parse(job.publishedAt);
    if (waited >= PUBLISH_WAIT_MS) {
      await waitingCheck(ctx, octokit, job, headSha, "completed", `${packageName}@${job.version} did not appear on ${config.registry} within an hour of the release: nothing was propagated. Publish it, then re-run this check's release (or publish a new one).`);
      return { state: "failed", result: `Waiting for npm publish: ${packageName}@${job.version} not on the registry after an hour` };
    }
    await waitingCheck(ctx, octokit, job, headSha, "in_progress", `Propagation starts once ${packageName}@${job.version} is on ${config.registry} (checked every minute, for up to an hour).`);
    throw new JobDeferredError(new Date(ctx.now().getTime() + PUBLISH_POLL_MS), `Waiting for npm publish of ${packageName}@${job.version}`);
  }

  const consumers = await findConsumers(octokit, { owner, repo }, config, packageName);
  const campaign = await ctx.stores.campaigns.start({
    installationId: job.repository.installationId,
    repoId: job.repository.repoId,
    owner,
    repo,
    version: job.version,
    packageName,
    tag: job.tag,
    headSha,
    releaseUrl: job.releaseUrl,
    consumers,
    createdAt: ctx.now().toISOString(),
  });
  await writeCampaignCheck(ctx, job.repository, job.version);
  await ctx.submit(
    campaign.consumers.slice(0, UPGRADES_IN_FLIGHT).map((consumer, index): UpgradeJob => ({ kind: "propagate-upgrade", repository: job.repository, version: job.version, index, consumerRepoId: consumer.repoId })),
  );
  return { state: "succeeded", result: `${campaign.consumers.length} consumers of ${packageName}@${job.version}` };
}

async function waitingCheck(ctx: JobContext, octokit: Octokit, job: PropagateJob, headSha: string, status: "in_progress" | "completed", summary: string): Promise<void> {
  // One write while waiting, not one a minute: the run is written again only to end the wait.
  const record = await ctx.stores.jobs.get(ctx.jobId);
  if (status === "in_progress" && record?.deferred !== undefined) return;
  const { owner, repo } = job.repository;
  await upsertCheckRun(
    octokit,
    { owner, repo, headSha, name: PROPAGATE_CHECK, title: "Waiting for npm publish", summary, ...(status === "completed" ? { status, conclusion: "failure" as const } : { status }) },
    knownObjects(ctx.stores.githubObjects, owner, repo, ctx.now),
  );
}

/** Fails the campaign's check run once its retries are exhausted. */
export async function reportPropagateGaveUp(job: PropagateJob, ctx: JobContext, reason: string): Promise<void> {
  const { owner, repo } = job.repository;
  const octokit = await ctx.github(job.repository.installationId);
  const { data: commit } = await octokit.rest.repos.getCommit({ owner, repo, ref: job.tag });
  await upsertCheckRun(
    octokit,
    { owner, repo, headSha: commit.sha, name: PROPAGATE_CHECK, status: "completed", conclusion: "failure", title: "Slipway could not start the propagation", summary: `Gave up after ${ctx.maxAttempts} attempts: ${reason}` },
    knownObjects(ctx.stores.githubObjects, owner, repo, ctx.now),
  );
}
