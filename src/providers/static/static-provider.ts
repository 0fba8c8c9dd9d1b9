import { downloadTarball } from "../../github/download-tarball";
import type { BuildProvider, BuildSource } from "../build-provider";
import { formatBytes } from "../archive-limits";
import { SourceKindError } from "../source-kind-error";
import { extractSite } from "./extract-tarball";

/** Largest archive Slipway downloads: larger repositories should publish a build artifact instead. */
const MAX_ARCHIVE_BYTES = 512 * 1024 * 1024;

/**
 * Files committed in a folder of the repository (`source.dir`): the repository's tarball at
 * the commit, read as untrusted input (see `extractSite`).
 */
export const staticProvider: BuildProvider = {
  sourceKey: (source) => dirOf(source),

  async produce(ctx, request, write) {
    const { owner, repo, sha } = request;
    const dir = dirOf(request.source);
    ctx.log(`Downloading the archive of ${sha.slice(0, 7)}.`);
    const archive = await downloadTarball(ctx.octokit, { owner, repo, ref: sha }, { maxBytes: MAX_ARCHIVE_BYTES });
    const extracted = await extractSite(archive, { dir, limits: ctx.archiveLimits, commit: sha }, write);
    ctx.log(`Stored ${extracted.files} files (${formatBytes(extracted.bytes)}) from \`${dir}\`.`);
    return { files: extracted.files, bytes: extracted.bytes };
  },
};

function dirOf(source: BuildSource): string {
  if (source.dir === undefined) throw new SourceKindError("static", source);
  return source.dir;
}
