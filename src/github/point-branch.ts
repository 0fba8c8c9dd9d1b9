import { githubErrorStatus } from "./github-error";
import type { Octokit } from "./octokit";

export type PointBranchOctokit = { rest: { git: Pick<Octokit["rest"]["git"], "getRef" | "createRef" | "updateRef"> } };

/**
 * Points `branch` at `sha`: force-updates it when it exists (the upgrade branch is Slipway's
 * own, rebuilt from the default branch each time), creates it otherwise. One write.
 */
export async function pointBranch(octokit: PointBranchOctokit, { owner, repo, branch, sha }: { owner: string; repo: string; branch: string; sha: string }): Promise<"created" | "updated"> {
  let exists = true;
  try {
    await octokit.rest.git.getRef({ owner, repo, ref: `heads/${branch}` });
  } catch (error) {
    if (githubErrorStatus(error) !== 404) throw error;
    exists = false;
  }
  if (exists) {
    await octokit.rest.git.updateRef({ owner, repo, ref: `heads/${branch}`, sha, force: true });
    return "updated";
  }
  await octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${branch}`, sha });
  return "created";
}
