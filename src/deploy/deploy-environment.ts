import { recordAudit } from "../audit/record-audit";
import { logKey } from "../blobs/blob-store";
import type { Octokit } from "../github/octokit";
import { setDeploymentStatus } from "../github/set-deployment-status";
import { isProductionEnvironment } from "../model/environment-name";
import type { EnvironmentRecord } from "../model/records";
import type { RepoRef } from "../model/repo-ref";
import type { BuildSource } from "../providers/build-provider";
import { JobLog } from "../report/job-log";
import { recordSiteHost } from "../site/record-site-host";
import { siteUrl } from "../site/site-url";
import { delayed } from "../util/delayed";
import { isUserFacingError } from "../util/user-facing-error";
import { ArtifactNotReadyError } from "../providers/artifact/artifact-run-errors";
import type { DeployContext } from "./deploy-context";
import type { DeployObserver, WaitingForBuild } from "./deploy-observer";
import { buildKeyOf, produceBuild, storedBuild, type EnsuredBuild } from "./ensure-build";
import { replacedSha } from "./replaced-sha";
import { TrackedDeployment } from "./tracked-deployment";

export type { WaitingForBuild } from "./deploy-observer";

/** How long a deploy may hold its environment before another may take the claim over. */
const CLAIM_MS = 15 * 60 * 1000;
/** A build still running after this long is reported as in progress. */
const PROGRESS_AFTER_MS = 3000;

export interface DeployRequest {
  repository: RepoRef;
  environment: string;
  sha: string;
  /** Where the build's files come from, and the single-page-app fallback, from the configuration. */
  source: BuildSource;
  spa: boolean;
  /** `preview` for a pull request's own environment; `rollback` moves back to an earlier build. */
  action: "preview" | "deploy" | "rollback";
  actor: string;
  /** What asked for it: `/deploy staging`, `push to main`, `pull request #12`. */
  trigger: string;
  /** The comment or push behind it, for the audit trail (and the Deployment's log, unless the observer has one). */
  link?: string;
  /** Time of the asking event: a deploy never replaces one asked for later. */
  sourceAt: string;
  /** The pull request whose sticky comment lists this environment. */
  pullNumber?: number;
  /** Environments that go away (previews): GitHub's `transient_environment`. */
  transient?: boolean;
  /** Previews: when the sweeper removes the environment unless a push comes first. */
  expiresAt?: string;
  /** A rollback's target build as it was served, used as is while it is still stored. */
  buildKey?: string;
  /**
   * Asked once a new build is stored, before anything is written to GitHub: the commit that
   * overtook this one (a later push to the pull request or branch), if any.
   */
  overtakenBy?: () => Promise<string | undefined>;
  /** The GitHub Deployment's description; default `<trigger> by <actor>`. */
  description?: string;
  /** For an artifact source: the run whose artifact to deploy (a `workflow_run` event named it). */
  workflowRunId?: number;
}

export type DeployResult =
  | { outcome: "deployed"; url: string; previousSha?: string; build: EnsuredBuild }
  | { outcome: "busy" }
  | { outcome: "superseded"; currentSha: string }
  | { outcome: "failed"; reason: string }
  | ({ outcome: "waiting" } & WaitingForBuild);

/**
 * The one deploy pipeline: previews, `/deploy`, `/rollback` and pushes all go through it.
 * 1. claim the environment (one conditional write: of two deploys at once, one is told it is busy);
 * 2. resolve the build: stored, or produced by the source's provider;
 * 3. a stored build is served at once: the pointer moves first, GitHub hears after;
 *    a new build opens its Deployment (`queued`, `in_progress`) while it is produced;
 * 4. the pointer never moves for a request older than the one that moved it last;
 * 5. the replaced Deployment goes `inactive`, the new one `success` (or `failure`, `inactive`);
 * 6. the log is saved beside the builds and the outcome recorded in the audit trail.
 * An artifact whose workflow has not succeeded yet is no failure: the deploy ends `waiting`,
 * having moved nothing, and the run's completion (or the caller's retry) deploys it.
 */
export async function deployEnvironment(
  ctx: DeployContext,
  octokit: Octokit,
  request: DeployRequest,
  options: { observer?: DeployObserver; log?: JobLog } = {},
): Promise<DeployResult> {
  const { owner, repo } = request.repository;
  const claimed = await ctx.stores.claims.claim(owner, repo, request.environment, { jobId: ctx.jobId, until: new Date(ctx.now().getTime() + CLAIM_MS) }, ctx.now());
  if (!claimed) {
    await recordAudit(ctx, { ...auditOf(request), result: "refused", detail: "another deploy of this environment was running" });
    return { outcome: "busy" };
  }
  try {
    await recordSiteHost(ctx.stores.siteHosts, owner, repo, request.environment);
    const run = new DeployRun(ctx, octokit, request, options.observer ?? {}, options.log ?? new JobLog(ctx.now));
    const stored = await storedBuild(ctx, request.repository, request.buildKey ?? buildKeyOf({ sha: request.sha, source: request.source }));
    return stored ? await run.switchToStoredBuild(stored) : await run.buildAndSwitch();
  } finally {
    await ctx.stores.claims.release(owner, repo, request.environment, ctx.jobId);
  }
}

function auditOf(request: DeployRequest) {
  const { owner, repo } = request.repository;
  return { owner, repo, environment: request.environment, action: request.action, actor: request.actor, trigger: request.trigger, sha: request.sha, link: request.link };
}

/** One deploy in progress: its log and its Deployment, and the steps that share them. */
class DeployRun {
  private readonly url: string;

  constructor(
    private readonly ctx: DeployContext,
    private readonly octokit: Octokit,
    private readonly request: DeployRequest,
    private readonly observer: DeployObserver,
    private readonly log: JobLog,
  ) {
    const { owner, repo } = request.repository;
    this.url = siteUrl({ baseUrl: ctx.siteBaseUrl, domain: ctx.siteDomain }, owner, repo, request.environment);
    this.log.add(`${describeAction(request)} of ${owner}/${repo}@${request.sha} to ${request.environment} (${request.trigger}, source \`${request.source.dir}\`).`);
  }

  /** The build is stored: serving it must not wait for GitHub, so the pointer moves first. */
  async switchToStoredBuild(build: EnsuredBuild): Promise<DeployResult> {
    const { owner, repo } = this.request.repository;
    this.log.add(`Reusing the stored build of ${this.request.sha.slice(0, 7)} (${build.files} files).`);
    // The claim is held, so nothing moves this environment between this read and the write.
    const current = await this.ctx.stores.environments.get(owner, repo, this.request.environment);
    const replaced = current?.state === "active" ? (current.deploymentId ?? current.replacedDeploymentId) : undefined;
    const pointed = await this.point(build.buildKey, { replacedDeploymentId: replaced });
    if (!pointed.applied) return this.superseded(pointed.current.sha, undefined);
    await this.observer.pointed?.();
    const deployment = await this.openDeployment();
    await this.point(build.buildKey, { deploymentId: deployment.id });
    return this.finish(deployment, build, current, replaced);
  }

  /**
   * A new build. Its Deployment is opened once the files are stored — or, for a build still
   * running after a moment, then, with the observer and the Deployment saying it is in progress:
   * a "building" report for a build done in a second would tell nobody anything new. A commit
   * overtaken while it built ends here, having written nothing to GitHub.
   */
  async buildAndSwitch(): Promise<DeployResult> {
    let deployment: TrackedDeployment | undefined;
    const progress = delayed(this.ctx.progressAfterMs ?? PROGRESS_AFTER_MS, async () => {
      deployment = await this.openDeployment();
      await this.observer.building?.();
      await deployment.status("in_progress", { logUrl: this.logUrl(), description: `Building ${this.request.sha.slice(0, 7)}` });
    });
    let build: EnsuredBuild;
    try {
      build = await produceBuild(this.ctx, this.octokit, { ...this.request.repository, sha: this.request.sha, source: this.request.source, workflowRunId: this.request.workflowRunId }, this.log);
    } catch (error) {
      await progress.settle();
      if (error instanceof ArtifactNotReadyError) return this.waiting(deployment, error);
      if (!isUserFacingError(error)) throw error;
      return this.failed(deployment ?? (await this.openDeployment()), error.message);
    }
    await progress.settle();
    const newer = await this.request.overtakenBy?.();
    if (newer !== undefined) return this.superseded(newer, deployment);
    deployment ??= await this.openDeployment();
    const pointed = await this.point(build.buildKey, { deploymentId: deployment.id });
    if (!pointed.applied) return this.superseded(pointed.current.sha, deployment);
    await this.observer.pointed?.();
    const previous = pointed.previous?.state === "active" ? pointed.previous : undefined;
    return this.finish(deployment, build, previous, previous?.deploymentId ?? previous?.replacedDeploymentId);
  }

  private openDeployment(): Promise<TrackedDeployment> {
    return TrackedDeployment.open(this.ctx, this.octokit, {
      repository: this.request.repository,
      environment: this.request.environment,
      sha: this.request.sha,
      transient: this.request.transient ?? false,
      production: !this.request.transient && isProductionEnvironment(this.request.environment),
      description: this.request.description ?? `${this.request.trigger} by ${this.request.actor}`,
    });
  }

  /** Moves the environment's pointer, unless a later request already moved it. */
  private point(buildKey: string, deployment: { deploymentId?: number; replacedDeploymentId?: number }) {
    const { owner, repo, installationId, repoId } = this.request.repository;
    return this.ctx.stores.environments.point({
      installationId,
      repoId,
      owner,
      repo,
      name: this.request.environment,
      state: "active",
      sha: this.request.sha,
      buildKey,
      spa: this.request.spa,
      sourceAt: this.request.sourceAt,
      ...deployment,
      pullNumber: this.request.pullNumber,
      url: this.url,
      expiresAt: this.request.expiresAt,
      actor: this.request.actor,
      private: this.request.repository.private,
      updatedAt: this.ctx.now().toISOString(),
    });
  }

  private logUrl(): string | undefined {
    return this.observer.logUrl?.() ?? this.request.link;
  }

  /** The environment serves the build: the replaced Deployment goes inactive, the new one succeeds. */
  private async finish(deployment: TrackedDeployment, build: EnsuredBuild, previous: EnvironmentRecord | undefined, replacedDeploymentId: number | undefined): Promise<DeployResult> {
    const { request } = this;
    this.log.add(`${request.environment} now serves ${request.sha.slice(0, 7)}: ${this.url}`);
    await this.saveLog();
    if (replacedDeploymentId !== undefined && replacedDeploymentId !== deployment.id) {
      // auto_inactive skips transient environments: Slipway retires the replaced one itself, everywhere.
      const { owner, repo } = request.repository;
      await setDeploymentStatus(this.octokit, { owner, repo, deploymentId: replacedDeploymentId, state: "inactive", description: `Replaced by ${request.sha.slice(0, 7)}` });
    }
    // The observer reports first, so the Deployment's status can link its log (a check run).
    await this.observer.succeeded?.({ url: this.url, build });
    await deployment.status("success", { environmentUrl: this.url, logUrl: this.logUrl(), description: successDescription(request) });
    const previousSha = replacedSha(previous, request.sha);
    await recordAudit(this.ctx, { ...auditOf(request), previousSha, buildKey: build.buildKey, result: "success" });
    return { outcome: "deployed", url: this.url, previousSha, build };
  }

  private async failed(deployment: TrackedDeployment, reason: string): Promise<DeployResult> {
    this.log.add(`Failed: ${reason}`);
    await this.saveLog();
    await this.observer.failed?.(reason);
    await deployment.status("failure", { logUrl: this.logUrl(), description: reason });
    await recordAudit(this.ctx, { ...auditOf(this.request), result: "failure", detail: reason });
    return { outcome: "failed", reason };
  }

  /** The artifact is not there yet: nothing moved; a Deployment opened meanwhile is retired, the resumed deploy opens its own. */
  private async waiting(deployment: TrackedDeployment | undefined, error: ArtifactNotReadyError): Promise<DeployResult> {
    this.log.add(error.message);
    const wait = { workflow: error.workflow, runUrl: error.runUrl, reason: error.message };
    await deployment?.status("inactive", { description: `Waiting for ${error.workflow}` });
    await this.observer.waiting?.(wait);
    return { outcome: "waiting", ...wait };
  }

  /**
   * A later request won. Only a deploy that already told GitHub something (its Deployment) says
   * so there; one overtaken before any report stays silent: the newer one reports.
   */
  private async superseded(currentSha: string, deployment: TrackedDeployment | undefined): Promise<DeployResult> {
    this.log.add(`A later request (${currentSha.slice(0, 7)}) is already live or on its way; not replacing it.`);
    await recordAudit(this.ctx, { ...auditOf(this.request), result: "superseded", detail: `${currentSha.slice(0, 7)} was deployed later` });
    if (deployment) {
      await deployment.status("inactive", { description: "A later deploy of this environment won" });
      await this.observer.superseded?.(currentSha);
    }
    return { outcome: "superseded", currentSha };
  }

  /** The whole log, kept beside the builds; check runs show its tail. */
  private saveLog(): Promise<void> {
    const { repoId } = this.request.repository;
    return this.ctx.blobs.put(logKey(repoId, this.request.environment, this.request.sha), Buffer.from(this.log.text()), "text/plain; charset=utf-8");
  }
}

function describeAction(request: DeployRequest): string {
  return { preview: "Preview", deploy: "Deploy", rollback: "Rollback" }[request.action];
}

function successDescription(request: DeployRequest): string {
  return { preview: "Preview ready", deploy: `Deployed by ${request.actor}`, rollback: `Rolled back by ${request.actor}` }[request.action];
}
