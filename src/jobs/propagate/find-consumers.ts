import type { PropagateConfig } from "../../config/propagate-config";
import { getRepository } from "../../github/get-repository";
import { listInstallationRepositories, type InstallationRepository } from "../../github/list-installation-repositories";
import type { Octokit } from "../../github/octokit";
import { readRepoFile } from "../../github/read-repo-file";
import type { Consumer } from "../../model/propagation";
import { dependencyRange } from "./dependency-range";

/**
 * The repositories that depend on the package: the installation's (or the listed ones), less
 * `exclude`, the source itself and archived ones, whose root package.json at the default
 * branch names it. Reads only; in the order GitHub lists them.
 */
export async function findConsumers(octokit: Octokit, source: { owner: string; repo: string }, config: PropagateConfig, packageName: string): Promise<Consumer[]> {
  const candidates: InstallationRepository[] = [];
  if (config.repositories === "all") {
    candidates.push(...(await listInstallationRepositories(octokit)));
  } else {
    for (const name of config.repositories) {
      const [owner = "", repo = ""] = name.split("/");
      const found = await getRepository(octokit, { owner, repo });
      if (found) candidates.push(found);
    }
  }
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  const excluded = (candidate: InstallationRepository) =>
    candidate.archived || same(`${candidate.owner}/${candidate.repo}`, `${source.owner}/${source.repo}`) || config.exclude.some((name) => same(name, `${candidate.owner}/${candidate.repo}`));

  const consumers: Consumer[] = [];
  for (const candidate of candidates.filter((one) => !excluded(one))) {
    const file = await readRepoFile(octokit, { owner: candidate.owner, repo: candidate.repo, path: "package.json", ref: candidate.defaultBranch }).catch(() => undefined);
    const range = file ? dependencyRange(file.text, packageName) : undefined;
    if (range !== undefined) consumers.push({ repoId: candidate.repoId, owner: candidate.owner, repo: candidate.repo, defaultBranch: candidate.defaultBranch, range });
  }
  return consumers;
}
