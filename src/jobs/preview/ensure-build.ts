import { createHash } from "node:crypto";
import { buildFileKey } from "../../blobs/blob-store";
import { formatBytes } from "../../providers/static/archive-limits";
import { contentTypeFor } from "../../providers/static/content-type";
import { extractSite } from "../../providers/static/extract-tarball";
import { downloadTarball } from "../../github/download-tarball";
import { taskPool } from "../../util/task-pool";
import type { JobContext } from "../job-context";
import type { Octokit } from "../../github/octokit";
import type { JobLog } from "../job-log";

/** Largest archive Slipway downloads: larger repositories should publish a build artifact instead. */
const MAX_ARCHIVE_BYTES = 512 * 1024 * 1024;
const UPLOAD_CONCURRENCY = 8;

export interface BuildSource {
  owner: string;
  repo: string;
  sha: string;
  /** Folder of the repository served as the site. */
  dir: string;
}

export interface EnsuredBuild {
  buildKey: string;
  files: number;
  bytes: number;
  reused: boolean;
}

/** Builds are keyed by commit and source folder: the same commit served from another folder is another build. */
export function buildKeyFor(source: Pick<BuildSource, "sha" | "dir">): string {
  const dirHash = createHash("sha256").update(source.dir).digest("hex").slice(0, 8);
  return `${source.sha}-${dirHash}`;
}

/**
 * Makes sure the build of a commit exists: reuses a stored one, otherwise downloads the
 * repository tarball, takes the files of `dir` (refusing unsafe entries) and stores them
 * under the build's own prefix. The build is recorded only after every file is stored, so a
 * half-written build is never served and a retry writes it again.
 */
export async function ensureBuild(ctx: JobContext, octokit: Octokit, source: BuildSource, log: JobLog): Promise<EnsuredBuild> {
  const buildKey = buildKeyFor(source);
  const existing = await ctx.stores.builds.get(source.owner, source.repo, buildKey);
  if (existing) {
    log.add(`Reusing the stored build of ${source.sha.slice(0, 7)} (${existing.files} files).`);
    return { buildKey, files: existing.files, bytes: existing.bytes, reused: true };
  }
  return buildFromArchive(ctx, octokit, source, log);
}

/**
 * Downloads the repository tarball at the commit, takes the files of `dir` (refusing unsafe
 * entries), stores them under the build's own prefix, then records the build. For callers
 * that already know no build is stored.
 */
export async function buildFromArchive(ctx: JobContext, octokit: Octokit, source: BuildSource, log: JobLog): Promise<EnsuredBuild> {
  const buildKey = buildKeyFor(source);
  log.add(`Downloading the archive of ${source.sha.slice(0, 7)}.`);
  const archive = await downloadTarball(octokit, { owner: source.owner, repo: source.repo, ref: source.sha }, { maxBytes: MAX_ARCHIVE_BYTES });
  const uploads = taskPool(UPLOAD_CONCURRENCY);
  let extracted;
  try {
    extracted = await extractSite(archive, { dir: source.dir, limits: ctx.archiveLimits, commit: source.sha }, (path, body) =>
      uploads.add(() => ctx.blobs.put(buildFileKey(source.owner, source.repo, buildKey, path), body, contentTypeFor(path))),
    );
  } catch (error) {
    // Let uploads already started settle, so none outlives the job that reports the failure.
    await uploads.drain().catch(() => undefined);
    throw error;
  }
  await uploads.drain();
  log.add(`Stored ${extracted.files} files (${formatBytes(extracted.bytes)}) from \`${source.dir}\`.`);

  await ctx.stores.builds.put({
    owner: source.owner,
    repo: source.repo,
    buildKey,
    sha: source.sha,
    files: extracted.files,
    bytes: extracted.bytes,
    createdAt: ctx.now().toISOString(),
  });
  return { buildKey, files: extracted.files, bytes: extracted.bytes, reused: false };
}
