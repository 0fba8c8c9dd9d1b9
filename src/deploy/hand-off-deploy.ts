import { recordAudit } from "../audit/record-audit";
import { ensureDeployment } from "../github/ensure-deployment";
import { knownObjects } from "../github/known-objects";
import type { Octokit } from "../github/octokit";
import { isProductionEnvironment } from "../model/environment-name";
import type { RepoRef } from "../model/repo-ref";
import type { HandOffPayload } from "../model/hand-off-payload";
import type { DeployContext } from "./deploy-context";

/** How long a hand-off may hold its environment: only while the Deployment is created. */
const CLAIM_MS = 60 * 1000;

/** A deploy of an environment with `deployer: workflow`: the repository's own workflow does it. */
export interface HandOffRequest {
  repository: RepoRef;
  environment: string;
  sha: string;
  action: "deploy" | "rollback";
  actor: string;
  /** What asked for it: `/deploy fly`, `push to main`. */
  trigger: string;
  /** The comment or push behind it. */
  link?: string;
  /** The pull request whose sticky comment follows the deploy. */
  pullNumber?: number;
  /** The command's comment, whose reaction follows the deploy. */
  commentId?: number;
}

export type HandOffResult = { outcome: "handed off"; deploymentId: number } | { outcome: "busy" };

/**
 * Hands a deploy to the repository's `on: deployment` workflow (`deployer: workflow`). The
 * gates (permission, lock, checks) have passed; Slipway claims the environment while it
 * creates the GitHub Deployment, once per job (a retried job finds it again), with a payload
 * saying what to do, and records the hand-off in the audit trail. It builds and serves nothing:
 * the workflow deploys and posts the statuses.
 */
export async function handOffDeploy(ctx: DeployContext, octokit: Octokit, request: HandOffRequest): Promise<HandOffResult> {
  const { owner, repo } = request.repository;
  const audit = { owner, repo, environment: request.environment, action: request.action, actor: request.actor, trigger: request.trigger, sha: request.sha, link: request.link };
  const claimed = await ctx.stores.claims.claim(owner, repo, request.environment, { jobId: ctx.jobId, until: new Date(ctx.now().getTime() + CLAIM_MS) }, ctx.now());
  if (!claimed) {
    await recordAudit(ctx, { ...audit, result: "refused", detail: "another deploy of this environment was running" });
    return { outcome: "busy" };
  }
  try {
    // Slipway's marks (`slipway`, `slipway_job`) are added by ensureDeployment.
    const payload: Omit<HandOffPayload, "slipway" | "slipway_job"> = {
      action: request.action,
      actor: request.actor,
      trigger: request.trigger,
      ...(request.pullNumber === undefined ? {} : { pull_request: request.pullNumber }),
      ...(request.commentId === undefined ? {} : { comment_id: request.commentId }),
      ...(request.link === undefined ? {} : { comment_url: request.link }),
    };
    const { id } = await ensureDeployment(
      octokit,
      {
        owner,
        repo,
        ref: request.sha,
        environment: request.environment,
        transient: false,
        production: isProductionEnvironment(request.environment),
        description: `${request.trigger} by ${request.actor}`,
        payload,
        jobId: ctx.jobId,
      },
      knownObjects(ctx.stores.githubObjects, owner, repo, ctx.now),
    );
    // Its own action: the deploy or rollback is recorded when the workflow reports how it ended.
    await recordAudit(ctx, { ...audit, action: "hand-off", result: "success", detail: `${request.action} handed to the deploy workflow as GitHub Deployment ${id}` });
    return { outcome: "handed off", deploymentId: id };
  } finally {
    await ctx.stores.claims.release(owner, repo, request.environment, ctx.jobId);
  }
}
