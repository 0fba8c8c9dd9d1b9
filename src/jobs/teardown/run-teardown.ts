import { setDeploymentStatus } from "../../github/set-deployment-status";
import { updatePullRequestComment } from "../../report/update-pull-request-comment";
import { previewEnvironment } from "../../model/environment-name";
import type { TeardownJob } from "./teardown-job";
import type { JobContext, JobOutcome } from "../job-context";
import { recordAudit } from "../audit-entry";

const TRIGGER = { closed: "pull request closed", expired: "idle past preview.ttl_days", command: "/preview destroy" } as const;

/**
 * Removes a pull request's preview: the environment stops serving (404), its Deployment goes
 * `inactive`, the sticky comment says why. The stored build stays: it is immutable and may
 * serve another environment. A reopened pull request (a newer event) keeps its preview.
 */
export async function runTeardown(job: TeardownJob, ctx: JobContext): Promise<JobOutcome> {
  const { owner, repo } = job.repository;
  const environment = previewEnvironment(job.pullNumber);
  const removed = await ctx.stores.environments.remove(owner, repo, environment, job.eventAt, ctx.now());
  if (!removed) return { state: "succeeded", result: `no live ${environment} to remove` };

  await recordAudit(ctx, {
    owner,
    repo,
    environment,
    action: "teardown",
    actor: job.actor ?? "slipway",
    trigger: TRIGGER[job.reason],
    sha: removed.sha,
    result: "success",
  });
  const octokit = await ctx.github(job.repository.installationId);
  const description = { closed: "Pull request closed", expired: "Removed after a period without pushes", command: "Removed by /preview destroy" }[job.reason];
  if (removed.deploymentId !== undefined) {
    await setDeploymentStatus(octokit, { owner, repo, deploymentId: removed.deploymentId, state: "inactive", description });
  }
  const note = {
    closed: "The preview was removed because the pull request was closed. Reopening it builds a new one.",
    expired: "The preview was removed because nothing was pushed for a while (`preview.ttl_days`). Push a commit to bring it back.",
    command: `The preview was removed by @${job.actor ?? "a maintainer"} (\`/preview destroy\`). Push a commit or comment \`/preview\` to build it again.`,
  }[job.reason];
  await updatePullRequestComment(
    octokit,
    ctx.stores.environments,
    { owner, repo, pullNumber: job.pullNumber },
    { environment, state: "removed", sha: removed.sha, updatedAt: ctx.now() },
    [note],
  );
  return { state: "succeeded", result: `${environment} removed (${job.reason})` };
}
