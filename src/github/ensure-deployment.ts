import { UserFacingError } from "../util/user-facing-error";
import { githubErrorMessage, githubErrorStatus } from "./github-error";
import { createOnce, NO_BLIND_RETRY, type KnownObjects } from "./create-once";
import type { Octokit } from "./octokit";

export type DeploymentOctokit = {
  rest: { repos: Pick<Octokit["rest"]["repos"], "listDeployments" | "createDeployment"> };
};

export interface DeploymentRequest {
  owner: string;
  repo: string;
  /** The commit SHA being deployed. */
  ref: string;
  environment: string;
  /** True for environments that go away, such as pull request previews. */
  transient: boolean;
  production: boolean;
  description: string;
  payload?: Record<string, unknown>;
  /**
   * The job deploying it: its Deployment is its own (a rollback to an earlier commit is a new
   * Deployment), found again by the job id in the payload.
   */
  jobId?: string;
}

/** Marks deployments as Slipway's in their payload, so ones made by other tools are never adopted. */
const PAYLOAD_MARK = "slipway";
/** The job that made a Deployment, in its payload. */
const JOB_MARK = "slipway_job";

/** GitHub would not create the deployment (a 409 conflict or a 422 validation failure). */
export class DeploymentRefusedError extends UserFacingError {
  override name = "DeploymentRefusedError";
  constructor(
    readonly status: number,
    readonly githubMessage: string,
    where: string,
  ) {
    super(
      `GitHub refused to create the deployment of ${where}: ${githubMessage}. ` +
        "Check that the commit still exists and that the environment's protection rules allow this app to deploy.",
    );
  }
}

/**
 * Returns the GitHub Deployment of `ref` to `environment` (by this job, when `jobId` is given),
 * creating it only when this app has not made one yet, so a redelivered job adds statuses to
 * the same deployment.
 *
 * With `known`, a Deployment Slipway recorded is used without listing; a new one is made with
 * `createOnce` (never a blind retry), listing only to recover.
 *
 * Deployments are created with `required_contexts: []` (Slipway checks commit status itself,
 * per environment, before it deploys) and `auto_merge: false` (deploying must never merge the
 * default branch into a pull request's branch).
 */
export async function ensureDeployment(octokit: DeploymentOctokit, request: DeploymentRequest, known?: KnownObjects): Promise<{ id: number }> {
  const { owner, repo, ref, environment } = request;
  const find = async () => {
    // Newest first; one commit is deployed to one environment a handful of times at most.
    const { data: existing } = await octokit.rest.repos.listDeployments({ owner, repo, sha: ref, environment, task: "deploy", per_page: 100 });
    const ours = existing.find((deployment) => deployment.sha === ref && isOurs(deployment, request.jobId));
    return ours && { id: ours.id };
  };
  const create = async () => {
    try {
      const { data } = await octokit.rest.repos.createDeployment({
        owner,
        repo,
        ref,
        environment,
        task: "deploy",
        auto_merge: false,
        required_contexts: [],
        transient_environment: request.transient,
        production_environment: request.production,
        description: request.description,
        payload: { ...request.payload, [PAYLOAD_MARK]: true, ...(request.jobId === undefined ? {} : { [JOB_MARK]: request.jobId }) },
        ...NO_BLIND_RETRY,
      });
      // A 202 answer (a merge of the default branch) is impossible with auto_merge off.
      if (!("id" in data)) throw new DeploymentRefusedError(202, data.message ?? "no deployment was created", describe(request));
      return { id: data.id };
    } catch (error) {
      const status = githubErrorStatus(error);
      if (status === 409 || status === 422) throw new DeploymentRefusedError(status, githubErrorMessage(error), describe(request));
      throw error;
    }
  };

  if (known && request.jobId !== undefined) {
    const { id } = await createOnce(known, deploymentKey(environment, ref, request.jobId), { find, create });
    return { id };
  }
  return (await find()) ?? (await create());
}

/** How Slipway records the Deployment a job made of a commit to an environment (see `KnownObjects`). */
export function deploymentKey(environment: string, ref: string, jobId: string): string {
  return `deployment:${environment}:${ref}:${jobId}`;
}

function isOurs(deployment: { creator: { type: string } | null; payload: unknown }, jobId: string | undefined): boolean {
  const { payload } = deployment;
  if (deployment.creator?.type !== "Bot" || typeof payload !== "object" || payload === null) return false;
  const fields = payload as Record<string, unknown>;
  return fields[PAYLOAD_MARK] === true && (jobId === undefined || fields[JOB_MARK] === jobId);
}

function describe({ owner, repo, ref, environment }: DeploymentRequest): string {
  return `${owner}/${repo}@${ref.slice(0, 7)} to ${environment}`;
}
