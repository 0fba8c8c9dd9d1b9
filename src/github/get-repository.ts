import { githubErrorStatus } from "./github-error";
import type { InstallationRepository } from "./list-installation-repositories";
import type { Octokit } from "./octokit";

export type RepositoryOctokit = { rest: { repos: Pick<Octokit["rest"]["repos"], "get"> } };

/** One repository by name; undefined when it does not exist or the installation cannot see it. */
export async function getRepository(octokit: RepositoryOctokit, { owner, repo }: { owner: string; repo: string }): Promise<InstallationRepository | undefined> {
  try {
    const { data } = await octokit.rest.repos.get({ owner, repo });
    return { repoId: data.id, owner: data.owner.login, repo: data.name, defaultBranch: data.default_branch, archived: data.archived };
  } catch (error) {
    if (githubErrorStatus(error) === 404) return undefined;
    throw error;
  }
}
