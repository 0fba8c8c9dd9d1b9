import { recordAudit } from "../../audit/record-audit";
import { addReaction } from "../../github/add-reaction";
import { deploymentKey } from "../../github/ensure-deployment";
import { knownObjects } from "../../github/known-objects";
import type { Octokit } from "../../github/octokit";
import type { HandedOffEnvironmentRecord } from "../../model/handed-off-environment";
import { updatePullRequestComment } from "../../report/update-pull-request-comment";
import type { JobContext, JobOutcome } from "../job-context";
import type { DeploymentStatusJob } from "./deployment-status-job";

const HANDED_OFF_STATE: Record<DeploymentStatusJob["state"], HandedOffEnvironmentRecord["state"]> = {
  in_progress: "deploying",
  success: "active",
  failure: "failed",
  error: "failed",
};

/**
 * Follows a status the repository's deploy workflow posted (`deployer: workflow`):
 * 1. only on a Deployment Slipway made (its own record of it, not the payload's word);
 * 2. records the environment as the status reports it (deploying, live at the workflow's URL, or
 *    failed), unless a newer status already did, so every later comment and `/status` show it;
 * 3. the sticky comment, from that record (not rewritten for a status older than the stored one);
 * 4. for the outcome: 🚀 or 😕 on the command that asked, and the audit trail's entry.
 */
export async function runDeploymentStatus(job: DeploymentStatusJob, ctx: JobContext): Promise<JobOutcome> {
  const { owner, repo } = job.repository;
  const known = knownObjects(ctx.stores.githubObjects, owner, repo, ctx.now);
  const made = await known.get(deploymentKey(job.environment, job.sha, job.handOff.slipway_job));
  if (made?.id !== job.deploymentId) return { state: "succeeded", result: `Deployment ${job.deploymentId} was not handed off by Slipway; ignored` };

  const newest = await ctx.stores.handedOffEnvironments.record(handedOffRecord(job, ctx.now()));
  const octokit = await ctx.github(job.repository.installationId);
  const short = job.sha.slice(0, 7);
  const stale = newest ? "" : " (older than the status already shown)";
  if (job.state === "in_progress") {
    if (newest) await comment(octokit, ctx, job);
    return { state: "succeeded", result: `${job.environment}: the deploy workflow is deploying ${short}${stale}` };
  }

  const succeeded = job.state === "success";
  const { action, actor, trigger, comment_id: commentId, comment_url: link } = job.handOff;
  await recordAudit(ctx, {
    owner,
    repo,
    environment: job.environment,
    action,
    actor,
    trigger,
    sha: job.sha,
    result: succeeded ? "success" : "failure",
    detail: [`deploy workflow: ${job.state}`, job.description, job.logUrl].filter(Boolean).join("; "),
    link,
  });
  if (newest) {
    const why = `${job.description ? `: ${job.description}` : ""}${job.logUrl ? ` (${job.logUrl})` : ""}`;
    await comment(octokit, ctx, job, succeeded ? [] : [`**The deploy workflow reported ${job.state} deploying \`${short}\` to ${job.environment}**${why}`]);
  }
  if (commentId !== undefined) await addReaction(octokit, { owner, repo, commentId, content: succeeded ? "rocket" : "confused" });
  return { state: succeeded ? "succeeded" : "failed", result: `${job.environment}: the deploy workflow reported ${job.state} for ${short}${stale}` };
}

function handedOffRecord(job: DeploymentStatusJob, now: Date): HandedOffEnvironmentRecord {
  return {
    owner: job.repository.owner,
    repo: job.repository.repo,
    name: job.environment,
    state: HANDED_OFF_STATE[job.state],
    sha: job.sha,
    ...(job.environmentUrl === undefined ? {} : { url: job.environmentUrl }),
    deploymentId: job.deploymentId,
    statusId: job.statusId,
    statusAt: job.eventAt,
    ...(job.handOff.pull_request === undefined ? {} : { pullNumber: job.handOff.pull_request }),
    actor: job.handOff.actor,
    updatedAt: now.toISOString(),
  };
}

/** The pull request's sticky comment, its rows as stored: this environment's is the record just written. */
function comment(octokit: Octokit, ctx: JobContext, job: DeploymentStatusJob, notes: string[] = []): Promise<void> {
  const pullNumber = job.handOff.pull_request;
  if (pullNumber === undefined) return Promise.resolve();
  const { owner, repo } = job.repository;
  return updatePullRequestComment(octokit, ctx.stores, { owner, repo, pullNumber }, undefined, notes, knownObjects(ctx.stores.githubObjects, owner, repo, ctx.now));
}
