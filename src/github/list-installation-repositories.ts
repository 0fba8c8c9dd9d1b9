import type { Octokit } from "./octokit";

export type InstallationReposOctokit = {
  paginate: Pick<Octokit["paginate"], "iterator">;
  rest: { apps: Pick<Octokit["rest"]["apps"], "listReposAccessibleToInstallation"> };
};

/** A repository the installation can reach, with what propagation needs of it. */
export interface InstallationRepository {
  repoId: number;
  owner: string;
  repo: string;
  defaultBranch: string;
  archived: boolean;
}

/** Every repository of the installation, following every page (100 a page). */
export async function listInstallationRepositories(octokit: InstallationReposOctokit): Promise<InstallationRepository[]> {
  const repositories: InstallationRepository[] = [];
  for await (const { data } of octokit.paginate.iterator(octokit.rest.apps.listReposAccessibleToInstallation, { per_page: 100 })) {
    for (const repository of data) {
      repositories.push({
        repoId: repository.id,
        owner: repository.owner.login,
        repo: repository.name,
        defaultBranch: repository.default_branch,
        archived: repository.archived,
      });
    }
  }
  return repositories;
}
