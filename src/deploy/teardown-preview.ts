import { knownObjects } from "../github/known-objects";
import { setDeploymentStatus } from "../github/set-deployment-status";
import { updatePullRequestComment } from "../report/update-pull-request-comment";
import { previewEnvironment } from "../model/environment-name";
import type { RepoRef } from "../model/repo-ref";
import { recordAudit } from "../audit/record-audit";
import type { DeployContext } from "./deploy-context";

const TRIGGER = { closed: "pull request closed", expired: "idle past preview.ttl_days", command: "/preview destroy" } as const;

/**
 * Removes a pull request's preview: the environment stops serving (404), its Deployment goes
 * `inactive`, the sticky comment says why. The stored build stays: it is immutable and may
 * serve another environment. A reopened pull request (a newer event) keeps its preview.
 */
export interface TeardownRequest {
  repository: RepoRef;
  pullNumber: number;
  reason: keyof typeof TRIGGER;
  /** Who removed it (the sweeper leaves it out), for the audit trail. */
  actor?: string;
  /** Time of the event behind it: a newer event (a reopen, a push) keeps the preview. */
  eventAt: string;
}

export async function teardownPreview(ctx: DeployContext, job: TeardownRequest): Promise<{ removed: boolean; result: string }> {
  const { owner, repo } = job.repository;
  const environment = previewEnvironment(job.pullNumber);
  const removed = await ctx.stores.environments.remove(owner, repo, environment, job.eventAt, ctx.now());
  if (!removed) return { removed: false, result: `no live ${environment} to remove` };

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
    ctx.stores,
    { owner, repo, pullNumber: job.pullNumber },
    { environment, state: "removed", sha: removed.sha, updatedAt: ctx.now() },
    [note],
    knownObjects(ctx.stores.githubObjects, owner, repo, ctx.now),
  );
  return { removed: true, result: `${environment} removed (${job.reason})` };
}
