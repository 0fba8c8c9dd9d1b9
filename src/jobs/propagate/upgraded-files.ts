import type { Octokit } from "../../github/octokit";
import { readRepoFile } from "../../github/read-repo-file";
import type { CampaignRecord, Consumer } from "../../model/propagation";
import { replaceRange } from "./dependency-range";
import type { Propagation } from "./load-propagation";
import { UpgradeRefusedError } from "./upgrade-refused-error";
import { updateLockfile } from "./update-lockfile";

const OTHER_LOCKFILES = ["yarn.lock", "pnpm-lock.yaml"];

/** package.json bumped, package-lock.json updated when there is one, and the copied files. */
export async function upgradedFiles(
  octokit: Octokit,
  campaign: CampaignRecord,
  consumer: Consumer,
  propagation: Propagation,
  manifest: { text: string; from: string; range: string; ref: string },
): Promise<{ files: Map<string, string>; notes: string[] }> {
  const { owner, repo } = consumer;
  const files = new Map<string, string>();
  const notes: string[] = [];
  const packageJson = replaceRange(manifest.text, campaign.packageName, manifest.from, manifest.range);
  files.set("package.json", packageJson);

  const lockfile = await readRepoFile(octokit, { owner, repo, path: "package-lock.json", ref: manifest.ref });
  if (lockfile) {
    files.set(
      "package-lock.json",
      await updateLockfile({ packageJson, lockfile: lockfile.text, registry: propagation.config.registry, ...(propagation.token ? { token: propagation.token } : {}), dependency: { name: campaign.packageName, range: manifest.range, version: campaign.version } }),
    );
  }
  for (const other of OTHER_LOCKFILES) {
    const found = await readRepoFile(octokit, { owner, repo, path: other, ref: manifest.ref }).catch(() => ({ text: "" }));
    if (found) notes.push(`${other} left alone: run your package manager's install on this branch to update it`);
  }
  for (const copy of propagation.config.files) {
    const source = await readRepoFile(octokit, { owner: campaign.owner, repo: campaign.repo, path: copy.from, ref: campaign.tag });
    if (!source) throw new UpgradeRefusedError(`propagate.files names ${copy.from}, which ${campaign.owner}/${campaign.repo} does not have at ${campaign.tag}`);
    files.set(copy.to, source.text);
  }
  return { files, notes };
}

