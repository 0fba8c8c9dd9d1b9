import { ensureDeployment } from "../../github/ensure-deployment";
import { setDeploymentStatus } from "../../github/set-deployment-status";
import { siteUrl } from "../../site/site-url";
import { recordAudit } from "../audit-entry";
import type { RepoRef } from "../job";
import type { InstallationOctokit, JobContext } from "../job-context";
import { JobLog } from "../job-log";
import { ensureBuild } from "../preview/ensure-build";
import { isUserFacingError } from "../user-facing-error";

/** How long a deploy may hold its environment before another may take the claim over. */
const CLAIM_MS = 15 * 60 * 1000;

export interface DeployRequest {
  jobId: string;
  repository: RepoRef;
  environment: string;
  sha: string;
  /** The folder served and SPA fallback, from the configuration. */
  dir: string;
  spa: boolean;
  action: "deploy" | "rollback";
  actor: string;
  /** What asked for it: `/deploy staging`, `push to main`. */
  trigger: string;
  link?: string;
  /** Time of the asking event: a deploy never replaces one asked for later. */
  sourceAt: string;
  pullNumber?: number;
  /** A rollback's target build as it was served, used as is while it is still stored. */
  buildKey?: string;
}

export type DeployResult =
  | { outcome: "deployed"; url: string; previousSha?: string; reusedBuild: boolean }
  | { outcome: "busy" }
  | { outcome: "superseded"; currentSha: string }
  | { outcome: "failed"; reason: string };

async function storedBuild(ctx: JobContext, owner: string, repo: string, buildKey: string | undefined) {
  const stored = buildKey ? await ctx.stores.builds.get(owner, repo, buildKey) : undefined;
  return stored ? { buildKey: stored.buildKey, reused: true } : undefined;
}

/** Environments GitHub should show as production. */
function isProduction(environment: string): boolean {
  return /^prod(uction)?$/i.test(environment);
}

/**
 * Deploys a commit to an environment:
 * 1. claim the environment (one conditional write: a concurrent deploy is told it is busy);
 * 2. open the GitHub Deployment (`queued`, `in_progress`);
 * 3. make sure the build exists (a rollback finds it stored; an expired one is rebuilt);
 * 4. move the environment's pointer, unless a later request already moved it;
 * 5. report: the new Deployment `success`, the replaced one `inactive`; record the audit entry.
 */
export async function deployEnvironment(ctx: JobContext, octokit: InstallationOctokit, request: DeployRequest): Promise<DeployResult> {
  const { owner, repo } = request.repository;
  const audit = { owner, repo, environment: request.environment, action: request.action, actor: request.actor, trigger: request.trigger, sha: request.sha, link: request.link };
  const claimed = await ctx.stores.claims.claim(owner, repo, request.environment, { jobId: request.jobId, until: new Date(ctx.now().getTime() + CLAIM_MS) }, ctx.now());
  if (!claimed) {
    await recordAudit(ctx, { ...audit, result: "refused", detail: "another deploy of this environment was running" });
    return { outcome: "busy" };
  }
  try {
    const deploymentId = (
      await ensureDeployment(octokit, {
        owner,
        repo,
        ref: request.sha,
        environment: request.environment,
        transient: false,
        production: isProduction(request.environment),
        description: `${request.trigger} by ${request.actor}`,
      })
    ).id;
    const status = (state: "queued" | "in_progress" | "success" | "failure" | "inactive", extra: { environmentUrl?: string; description?: string } = {}, id = deploymentId) =>
      setDeploymentStatus(octokit, { owner, repo, deploymentId: id, state, logUrl: request.link, ...extra });
    await status("queued");
    await status("in_progress");

    let build;
    try {
      build = (await storedBuild(ctx, owner, repo, request.buildKey)) ?? (await ensureBuild(ctx, octokit, { owner, repo, sha: request.sha, dir: request.dir }, new JobLog(ctx.now)));
    } catch (error) {
      if (!isUserFacingError(error)) throw error;
      await status("failure", { description: error.message });
      await recordAudit(ctx, { ...audit, result: "failure", detail: error.message });
      return { outcome: "failed", reason: error.message };
    }

    const url = siteUrl(ctx.siteBaseUrl, owner, repo, request.environment);
    const pointed = await ctx.stores.environments.point({
      installationId: request.repository.installationId,
      repoId: request.repository.repoId,
      owner,
      repo,
      name: request.environment,
      state: "active",
      sha: request.sha,
      buildKey: build.buildKey,
      spa: request.spa,
      sourceAt: request.sourceAt,
      deploymentId,
      pullNumber: request.pullNumber,
      url,
      actor: request.actor,
      updatedAt: ctx.now().toISOString(),
    });
    if (!pointed.applied) {
      await status("inactive", { description: "A later deploy of this environment won" });
      await recordAudit(ctx, { ...audit, result: "superseded", detail: `${pointed.current.sha.slice(0, 7)} was deployed later` });
      return { outcome: "superseded", currentSha: pointed.current.sha };
    }
    const previous = pointed.previous?.state === "active" ? pointed.previous : undefined;
    if (previous?.deploymentId !== undefined && previous.deploymentId !== deploymentId) {
      await status("inactive", { description: `Replaced by ${request.sha.slice(0, 7)}` }, previous.deploymentId);
    }
    await status("success", { environmentUrl: url, description: `${request.action === "rollback" ? "Rolled back" : "Deployed"} by ${request.actor}` });
    await recordAudit(ctx, { ...audit, previousSha: previous?.sha, buildKey: build.buildKey, result: "success" });
    return { outcome: "deployed", url, previousSha: previous?.sha, reusedBuild: build.reused };
  } finally {
    await ctx.stores.claims.release(owner, repo, request.environment, request.jobId);
  }
}
