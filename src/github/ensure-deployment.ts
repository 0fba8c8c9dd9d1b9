import { UserFacingError } from "../util/user-facing-error";
import { githubErrorMessage, githubErrorStatus } from "./github-error";
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
}

/** Marks deployments as Slipway's in their payload, so ones made by other tools are never adopted. */
const PAYLOAD_MARK = "slipway";

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
 * Returns the GitHub Deployment of `ref` to `environment`, creating it only when this app has
 * not made one yet, so a redelivered job adds statuses to the same deployment.
 *
 * Deployments are created with `required_contexts: []` (Slipway checks commit status itself,
 * per environment, before it deploys) and `auto_merge: false` (deploying must never merge the
 * default branch into a pull request's branch).
 */
export async function ensureDeployment(octokit: DeploymentOctokit, request: DeploymentRequest): Promise<{ id: number }> {
  const { owner, repo, ref, environment } = request;
  // Newest first; one commit is deployed to one environment a handful of times at most.
  const { data: existing } = await octokit.rest.repos.listDeployments({
    owner,
    repo,
    sha: ref,
    environment,
    task: "deploy",
    per_page: 100,
  });
  const ours = existing.find((deployment) => deployment.sha === ref && isOurs(deployment));
  if (ours) return { id: ours.id };

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
      payload: { ...request.payload, [PAYLOAD_MARK]: true },
    });
    // A 202 answer (a merge of the default branch) is impossible with auto_merge off.
    if (!("id" in data)) throw new DeploymentRefusedError(202, data.message ?? "no deployment was created", describe(request));
    return { id: data.id };
  } catch (error) {
    const status = githubErrorStatus(error);
    if (status === 409 || status === 422) {
      throw new DeploymentRefusedError(status, githubErrorMessage(error), describe(request));
    }
    throw error;
  }
}

function isOurs(deployment: { creator: { type: string } | null; payload: unknown }): boolean {
  const { payload } = deployment;
  return (
    deployment.creator?.type === "Bot" &&
    typeof payload === "object" &&
    payload !== null &&
    (payload as Record<string, unknown>)[PAYLOAD_MARK] === true
  );
}

function describe({ owner, repo, ref, environment }: DeploymentRequest): string {
  return `${owner}/${repo}@${ref.slice(0, 7)} to ${environment}`;
}
