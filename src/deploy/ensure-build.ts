import { buildFileKey } from "../blobs/blob-store";
import type { Octokit } from "../github/octokit";
import type { BuildSource } from "../providers/build-provider";
import { providerFor } from "./provider-for";
import { contentTypeFor } from "../providers/content-type";
import type { JobLog } from "../report/job-log";
import { taskPool } from "../util/task-pool";
import { buildKeyFor } from "./build-key";
import type { DeployContext } from "./deploy-context";

const UPLOAD_CONCURRENCY = 8;

export interface BuildTarget {
  owner: string;
  repo: string;
  sha: string;
  source: BuildSource;
  /** For an artifact source: the run to take the artifact from. */
  workflowRunId?: number;
}

export interface EnsuredBuild {
  buildKey: string;
  files: number;
  bytes: number;
  reused: boolean;
}

/** The key of the build a source produces at a commit. */
export function buildKeyOf(target: Pick<BuildTarget, "sha" | "source">): string {
  return buildKeyFor(target.sha, providerFor(target.source).sourceKey(target.source));
}

/** The build of `target` if it is stored. */
export async function storedBuild(ctx: Pick<DeployContext, "stores">, target: Pick<BuildTarget, "owner" | "repo">, buildKey: string): Promise<EnsuredBuild | undefined> {
  const stored = await ctx.stores.builds.get(target.owner, target.repo, buildKey);
  return stored ? { buildKey: stored.buildKey, files: stored.files, bytes: stored.bytes, reused: true } : undefined;
}

/**
 * Produces a build with its source's provider and stores every file under the build's own
 * prefix, then records the build. The record is written only after every file is stored, so
 * a half-written build is never served and a retry writes it again.
 */
export async function produceBuild(ctx: DeployContext, octokit: Octokit, target: BuildTarget, log: JobLog): Promise<EnsuredBuild> {
  const provider = providerFor(target.source);
  const buildKey = buildKeyFor(target.sha, provider.sourceKey(target.source));
  const uploads = taskPool(UPLOAD_CONCURRENCY);
  let produced;
  try {
    produced = await provider.produce({ octokit, archiveLimits: ctx.archiveLimits, log: (line) => log.add(line) }, target, (path, body) =>
      uploads.add(() => ctx.blobs.put(buildFileKey(target.owner, target.repo, buildKey, path), body, contentTypeFor(path))),
    );
  } catch (error) {
    // Let uploads already started settle, so none outlives the job that reports the failure.
    await uploads.drain().catch(() => undefined);
    throw error;
  }
  await uploads.drain();
  await ctx.stores.builds.put({
    owner: target.owner,
    repo: target.repo,
    buildKey,
    sha: target.sha,
    files: produced.files,
    bytes: produced.bytes,
    createdAt: ctx.now().toISOString(),
  });
  return { buildKey, files: produced.files, bytes: produced.bytes, reused: false };
}
