import { recordAudit } from "../../audit/record-audit";
import { addReaction } from "../../github/add-reaction";
import { deploymentKey } from "../../github/ensure-deployment";
import { knownObjects } from "../../github/known-objects";
import type { Octokit } from "../../github/octokit";
import type { EnvironmentRow } from "../../report/render-comment";
import { updatePullRequestComment } from "../../report/update-pull-request-comment";
import type { JobContext, JobOutcome } from "../job-context";
import type { DeploymentStatusJob } from "./deployment-status-job";

/**
 * Follows a status the repository's deploy workflow posted (`deployer: workflow`):
 * 1. only on a Deployment Slipway made (its own record of it, not the payload's word);
 * 2. the sticky comment's row for the environment: deploying, live at the workflow's URL, or failed;
 * 3. for the outcome: 🚀 or 😕 on the command that asked, and the audit trail's entry.
 */
export async function runDeploymentStatus(job: DeploymentStatusJob, ctx: JobContext): Promise<JobOutcome> {
  const { owner, repo } = job.repository;
  const known = knownObjects(ctx.stores.githubObjects, owner, repo, ctx.now);
  const made = await known.get(deploymentKey(job.environment, job.sha, job.handOff.slipway_job));
  if (made?.id !== job.deploymentId) return { state: "succeeded", result: `Deployment ${job.deploymentId} was not handed off by Slipway; ignored` };

  const octokit = await ctx.github(job.repository.installationId);
  const short = job.sha.slice(0, 7);
  if (job.state === "in_progress") {
    await comment(octokit, ctx, job, { state: "building" });
    return { state: "succeeded", result: `${job.environment}: the deploy workflow is deploying ${short}` };
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
  if (succeeded) {
    await comment(octokit, ctx, job, { state: "ready", url: job.environmentUrl });
  } else {
    const why = `${job.description ? `: ${job.description}` : ""}${job.logUrl ? ` (${job.logUrl})` : ""}`;
    await comment(octokit, ctx, job, { state: "failed" }, [`**The deploy workflow reported ${job.state} deploying \`${short}\` to ${job.environment}**${why}`]);
  }
  if (commentId !== undefined) await addReaction(octokit, { owner, repo, commentId, content: succeeded ? "rocket" : "confused" });
  return { state: succeeded ? "succeeded" : "failed", result: `${job.environment}: the deploy workflow reported ${job.state} for ${short}` };
}

function comment(octokit: Octokit, ctx: JobContext, job: DeploymentStatusJob, row: Pick<EnvironmentRow, "state" | "url">, notes: string[] = []): Promise<void> {
  const pullNumber = job.handOff.pull_request;
  if (pullNumber === undefined) return Promise.resolve();
  const { owner, repo } = job.repository;
  return updatePullRequestComment(
    octokit,
    ctx.stores.environments,
    { owner, repo, pullNumber },
    { environment: job.environment, sha: job.sha, updatedAt: ctx.now(), ...row },
    notes,
    knownObjects(ctx.stores.githubObjects, owner, repo, ctx.now),
  );
}
