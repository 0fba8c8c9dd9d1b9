import { ensureDeployment } from "../github/ensure-deployment";
import { knownObjects } from "../github/known-objects";
import type { Octokit } from "../github/octokit";
import { setDeploymentStatus, type DeploymentState } from "../github/set-deployment-status";
import type { RepoRef } from "../model/repo-ref";
import type { DeployContext } from "./deploy-context";

/** States after which a Deployment needs nothing more from the job that opened it. */
const FINAL: ReadonlySet<DeploymentState> = new Set(["success", "failure", "error", "inactive"]);

export interface DeploymentStatusExtra {
  environmentUrl?: string;
  logUrl?: string;
  description?: string;
}

/**
 * A GitHub Deployment this job opened. While it has no final status the job record keeps it,
 * so that when Slipway gives up on the job the worker marks it `error` instead of leaving it
 * `in_progress` for ever.
 */
export class TrackedDeployment {
  private constructor(
    private readonly ctx: Pick<DeployContext, "stores" | "jobId">,
    private readonly octokit: Octokit,
    private readonly repository: RepoRef,
    private readonly environment: string,
    readonly id: number,
  ) {}

  /** Returns the Deployment of the commit to the environment, opened once (see `ensureDeployment`), and tracks it. */
  static async open(
    ctx: Pick<DeployContext, "stores" | "jobId">,
    octokit: Octokit,
    request: { repository: RepoRef; environment: string; sha: string; transient: boolean; production: boolean; description: string },
  ): Promise<TrackedDeployment> {
    const { owner, repo } = request.repository;
    const { id } = await ensureDeployment(
      octokit,
      {
        owner,
        repo,
        ref: request.sha,
        environment: request.environment,
        transient: request.transient,
        production: request.production,
        description: request.description,
        jobId: ctx.jobId,
      },
      knownObjects(ctx.stores.githubObjects, owner, repo),
    );
    const deployment = new TrackedDeployment(ctx, octokit, request.repository, request.environment, id);
    await ctx.stores.jobs.trackDeployment(ctx.jobId, deployment.record());
    return deployment;
  }

  async status(state: DeploymentState, extra: DeploymentStatusExtra = {}): Promise<void> {
    const { owner, repo } = this.repository;
    await setDeploymentStatus(this.octokit, { owner, repo, deploymentId: this.id, state, ...extra });
    if (FINAL.has(state)) await this.ctx.stores.jobs.settleDeployment(this.ctx.jobId, this.record());
  }

  private record() {
    const { installationId, owner, repo } = this.repository;
    return { installationId, owner, repo, environment: this.environment, deploymentId: this.id };
  }
}
