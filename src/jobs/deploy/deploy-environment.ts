import { isProductionEnvironment } from "../../model/environment-name";
import { ensureDeployment } from "../../github/ensure-deployment";
import { setDeploymentStatus } from "../../github/set-deployment-status";
import { siteUrl } from "../../site/site-url";
import { recordAudit } from "../audit-entry";
import type { RepoRef } from "../../model/repo-ref";
import type { JobContext } from "../job-context";
import type { Octokit } from "../../github/octokit";
import { JobLog } from "../job-log";
import { buildFromArchive, buildKeyFor } from "../preview/ensure-build";
import type { EnvironmentRecord } from "../../model/records";
import { isUserFacingError } from "../../util/user-facing-error";
import { replacedSha } from "../replaced-sha";

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

/**
 * Deploys a commit to an environment:
 * 1. claim the environment (one conditional write: a concurrent deploy is told it is busy);
 * 2. with the build stored (a rollback, a redeploy): move the pointer at once, then tell GitHub;
 *    otherwise open the GitHub Deployment (`queued`, `in_progress`), build, then move it;
 * 3. the pointer never moves for a request older than the one that moved it last;
 * 4. report: the Deployment `success`, the replaced one `inactive`; record the audit entry.
 */
export async function deployEnvironment(ctx: JobContext, octokit: Octokit, request: DeployRequest): Promise<DeployResult> {
  const { owner, repo } = request.repository;
  const claimed = await ctx.stores.claims.claim(owner, repo, request.environment, { jobId: request.jobId, until: new Date(ctx.now().getTime() + CLAIM_MS) }, ctx.now());
  if (!claimed) {
    await recordAudit(ctx, { ...auditOf(request), result: "refused", detail: "another deploy of this environment was running" });
    return { outcome: "busy" };
  }
  try {
    const stored = await ctx.stores.builds.get(owner, repo, request.buildKey ?? buildKeyFor(request));
    return stored ? await switchToStoredBuild(ctx, octokit, request, stored.buildKey) : await buildAndSwitch(ctx, octokit, request);
  } finally {
    await ctx.stores.claims.release(owner, repo, request.environment, request.jobId);
  }
}

function auditOf(request: DeployRequest) {
  const { owner, repo } = request.repository;
  return { owner, repo, environment: request.environment, action: request.action, actor: request.actor, trigger: request.trigger, sha: request.sha, link: request.link };
}

/**
 * The build is stored: serving it must not wait for GitHub (whose guidance spaces an app's
 * writes a second apart), so the pointer moves first and the Deployment is recorded after.
 */
async function switchToStoredBuild(ctx: JobContext, octokit: Octokit, request: DeployRequest, buildKey: string): Promise<DeployResult> {
  // The claim is held, so nothing moves this environment between this read and the write.
  const current = await ctx.stores.environments.get(request.repository.owner, request.repository.repo, request.environment);
  const replaced = current?.state === "active" ? (current.deploymentId ?? current.replacedDeploymentId) : undefined;
  const pointed = await point(ctx, request, buildKey, { replacedDeploymentId: replaced });
  if (!pointed.applied) return superseded(ctx, request, pointed.current.sha);
  const deploymentId = await openDeployment(octokit, request);
  await point(ctx, request, buildKey, { deploymentId });
  return finish(ctx, octokit, request, { buildKey, reused: true, deploymentId, previous: current, replacedDeploymentId: replaced });
}

/** A new build: the Deployment shows it in progress while the files are fetched and stored. */
async function buildAndSwitch(ctx: JobContext, octokit: Octokit, request: DeployRequest): Promise<DeployResult> {
  const deploymentId = await openDeployment(octokit, request);
  await status(octokit, request, deploymentId, "queued");
  await status(octokit, request, deploymentId, "in_progress");
  let build;
  try {
    build = await buildFromArchive(ctx, octokit, { owner: request.repository.owner, repo: request.repository.repo, sha: request.sha, dir: request.dir }, new JobLog(ctx.now));
  } catch (error) {
    if (!isUserFacingError(error)) throw error;
    await status(octokit, request, deploymentId, "failure", { description: error.message });
    await recordAudit(ctx, { ...auditOf(request), result: "failure", detail: error.message });
    return { outcome: "failed", reason: error.message };
  }
  const pointed = await point(ctx, request, build.buildKey, { deploymentId });
  if (!pointed.applied) {
    await status(octokit, request, deploymentId, "inactive", { description: "A later deploy of this environment won" });
    return superseded(ctx, request, pointed.current.sha);
  }
  const previous = pointed.previous?.state === "active" ? pointed.previous : undefined;
  return finish(ctx, octokit, request, {
    buildKey: build.buildKey,
    reused: build.reused,
    deploymentId,
    previous,
    replacedDeploymentId: previous?.deploymentId ?? previous?.replacedDeploymentId,
  });
}

/** Moves the environment's pointer, unless a later request already moved it. */
function point(ctx: JobContext, request: DeployRequest, buildKey: string, deployment: { deploymentId?: number; replacedDeploymentId?: number }) {
  const { owner, repo, installationId, repoId } = request.repository;
  return ctx.stores.environments.point({
    installationId,
    repoId,
    owner,
    repo,
    name: request.environment,
    state: "active",
    sha: request.sha,
    buildKey,
    spa: request.spa,
    sourceAt: request.sourceAt,
    ...deployment,
    pullNumber: request.pullNumber,
    url: siteUrl(ctx.siteBaseUrl, owner, repo, request.environment),
    actor: request.actor,
    updatedAt: ctx.now().toISOString(),
  });
}

async function openDeployment(octokit: Octokit, request: DeployRequest): Promise<number> {
  const deployment = await ensureDeployment(octokit, {
    owner: request.repository.owner,
    repo: request.repository.repo,
    ref: request.sha,
    environment: request.environment,
    transient: false,
    production: isProductionEnvironment(request.environment),
    description: `${request.trigger} by ${request.actor}`,
  });
  return deployment.id;
}

function status(
  octokit: Octokit,
  request: DeployRequest,
  deploymentId: number,
  state: "queued" | "in_progress" | "success" | "failure" | "inactive",
  extra: { environmentUrl?: string; description?: string } = {},
) {
  return setDeploymentStatus(octokit, { owner: request.repository.owner, repo: request.repository.repo, deploymentId, state, logUrl: request.link, ...extra });
}

async function superseded(ctx: JobContext, request: DeployRequest, currentSha: string): Promise<DeployResult> {
  await recordAudit(ctx, { ...auditOf(request), result: "superseded", detail: `${currentSha.slice(0, 7)} was deployed later` });
  return { outcome: "superseded", currentSha };
}

/** The environment serves the build: the replaced Deployment goes inactive, the new one succeeds. */
async function finish(
  ctx: JobContext,
  octokit: Octokit,
  request: DeployRequest,
  done: { buildKey: string; reused: boolean; deploymentId: number; previous: EnvironmentRecord | undefined; replacedDeploymentId: number | undefined },
): Promise<DeployResult> {
  if (done.replacedDeploymentId !== undefined && done.replacedDeploymentId !== done.deploymentId) {
    await status(octokit, request, done.replacedDeploymentId, "inactive", { description: `Replaced by ${request.sha.slice(0, 7)}` });
  }
  const previousSha = replacedSha(done.previous, request.sha);
  const url = siteUrl(ctx.siteBaseUrl, request.repository.owner, request.repository.repo, request.environment);
  await status(octokit, request, done.deploymentId, "success", { environmentUrl: url, description: `${request.action === "rollback" ? "Rolled back" : "Deployed"} by ${request.actor}` });
  await recordAudit(ctx, { ...auditOf(request), previousSha, buildKey: done.buildKey, result: "success" });
  return { outcome: "deployed", url, previousSha, reusedBuild: done.reused };
}
