import { downloadTarball } from "../../github/download-tarball";
import type { BuildProvider } from "../build-provider";
import { formatBytes } from "../archive-limits";
import { extractSite } from "./extract-tarball";

/** Largest archive Slipway downloads: larger repositories should publish a build artifact instead. */
const MAX_ARCHIVE_BYTES = 512 * 1024 * 1024;

/**
 * Files committed in a folder of the repository (`source.dir`): the repository's tarball at
 * the commit, read as untrusted input (see `extractSite`).
 */
export const staticProvider: BuildProvider = {
  sourceKey: (source) => source.dir,

  async produce(ctx, request, write) {
    const { owner, repo, sha, source } = request;
    ctx.log(`Downloading the archive of ${sha.slice(0, 7)}.`);
    const archive = await downloadTarball(ctx.octokit, { owner, repo, ref: sha }, { maxBytes: MAX_ARCHIVE_BYTES });
    const extracted = await extractSite(archive, { dir: source.dir, limits: ctx.archiveLimits, commit: sha }, write);
    ctx.log(`Stored ${extracted.files} files (${formatBytes(extracted.bytes)}) from \`${source.dir}\`.`);
    return { files: extracted.files, bytes: extracted.bytes };
  },
};
