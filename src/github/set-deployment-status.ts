import type { Octokit } from "./octokit";

export type DeploymentStatusOctokit = {
  rest: { repos: Pick<Octokit["rest"]["repos"], "createDeploymentStatus"> };
};

export type DeploymentState = "queued" | "in_progress" | "success" | "failure" | "error" | "inactive";

export interface DeploymentStatusReport {
  owner: string;
  repo: string;
  deploymentId: number;
  state: DeploymentState;
  /** Where the deployed site is served. */
  environmentUrl?: string;
  /** Where the deployment's log or check run can be read. */
  logUrl?: string;
  /** Cut to GitHub's limit of 140 characters. */
  description?: string;
}

/** GitHub refuses a deployment status description longer than this. */
export const DEPLOYMENT_STATUS_DESCRIPTION_LIMIT = 140;

/**
 * Adds a status to a GitHub Deployment. Statuses are a history, so adding the same state
 * twice is harmless; the latest one is what GitHub shows.
 *
 * `auto_inactive` is off: GitHub's automatic marking skips transient environments, so Slipway
 * marks replaced deployments inactive itself, everywhere, in one consistent way.
 */
export async function setDeploymentStatus(
  octokit: DeploymentStatusOctokit,
  report: DeploymentStatusReport,
): Promise<{ id: number }> {
  const { data } = await octokit.rest.repos.createDeploymentStatus({
    owner: report.owner,
    repo: report.repo,
    deployment_id: report.deploymentId,
    state: report.state,
    auto_inactive: false,
    ...(report.environmentUrl === undefined ? {} : { environment_url: report.environmentUrl }),
    ...(report.logUrl === undefined ? {} : { log_url: report.logUrl }),
    ...(report.description === undefined ? {} : { description: shorten(report.description) }),
  });
  return { id: data.id };
}

function shorten(text: string, limit = DEPLOYMENT_STATUS_DESCRIPTION_LIMIT): string {
  const chars = Array.from(text);
  return chars.length <= limit ? text : `${chars.slice(0, limit - 1).join("").trimEnd()}…`;
}
