import { createCommit } from "../../github/create-commit";
import { createTree } from "../../github/create-tree";
import type { Octokit } from "../../github/octokit";
import { pointBranch } from "../../github/point-branch";
import type { Consumer, UpgradeProgress } from "../../model/propagation";
import type { JobContext } from "../job-context";

/**
 * Tree, commit and branch (3 writes), each made once: the progress is saved after every write,
 * so a job put back on the queue between two of them resumes after the last one made.
 */
export async function writeUpgradeBranch(
  ctx: JobContext,
  octokit: Octokit,
  consumer: Consumer,
  { slug, version, tip, branch, files, message }: { slug: string; version: string; tip: { sha: string; treeSha: string }; branch: string; files: ReadonlyMap<string, string>; message: string },
): Promise<string> {
  const { owner, repo } = consumer;
  const stored = await ctx.stores.upgrades.progress(owner, repo, slug, version);
  // Progress made on another head of the default branch is of no use: start again from this one.
  let progress: UpgradeProgress = stored?.baseSha === tip.sha ? stored : { owner, repo, slug, version, baseSha: tip.sha, pointed: false, updatedAt: ctx.now().toISOString() };
  const save = async (change: Partial<UpgradeProgress>) => {
    progress = { ...progress, ...change, updatedAt: ctx.now().toISOString() };
    await ctx.stores.upgrades.saveProgress(progress);
  };
  const treeSha = progress.treeSha ?? (await createTree(octokit, { owner, repo, baseTree: tip.treeSha, files }));
  if (!progress.treeSha) await save({ treeSha });
  const commitSha = progress.commitSha ?? (await createCommit(octokit, { owner, repo, tree: treeSha, parent: tip.sha, message }));
  if (!progress.commitSha) await save({ commitSha });
  if (!progress.pointed) {
    await pointBranch(octokit, { owner, repo, branch, sha: commitSha });
    await save({ pointed: true });
  }
  return commitSha;
}

