import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ArtifactTooLargeError } from "../../github/artifact-errors";
import { downloadArtifact } from "../../github/download-artifact";
import { listRunArtifacts } from "../../github/list-run-artifacts";
import { formatBytes } from "../archive-limits";
import type { ArtifactSource, BuildProvider, BuildSource } from "../build-provider";
import { SourceKindError } from "../source-kind-error";
import { extractZip } from "./extract-zip";
import { pickArtifact } from "./pick-artifact";
import { saveDownload } from "./save-download";
import { workflowRunFor } from "./workflow-run-for";

/**
 * Largest artifact zip Slipway downloads. It is written to the temporary folder (a Lambda's
 * /tmp holds 512 MB by default) and unpacks to at most `maxTotalBytes` of site.
 */
const MAX_ARTIFACT_BYTES = 256 * 1024 * 1024;

/**
 * What a workflow run uploaded with actions/upload-artifact (`source.artifact`): the run's
 * artifact of that name, downloaded to a temporary file (yauzl reads a zip's central directory
 * first, so it needs random access) and unpacked as untrusted input (see `extractZip`). The file
 * is removed afterwards, whether or not the build succeeded.
 */
export const artifactProvider: BuildProvider = {
  sourceKey: (source) => artifactSourceKey(artifactOf(source)),

  async produce(ctx, request, write) {
    const { owner, repo, sha } = request;
    const { workflow, name, path } = artifactOf(request.source);
    const run = await workflowRunFor(ctx.octokit, request, workflow);
    const runLabel = `run ${run.id} of ${workflow} (${run.htmlUrl})`;
    const artifact = pickArtifact(await listRunArtifacts(ctx.octokit, { owner, repo, runId: run.id }), name, runLabel);
    if (artifact.sizeInBytes > MAX_ARTIFACT_BYTES) throw new ArtifactTooLargeError(name, MAX_ARTIFACT_BYTES);
    ctx.log(`Downloading the artifact "${name}" (${formatBytes(artifact.sizeInBytes)}) of ${runLabel}.`);

    const folder = await mkdtemp(join(tmpdir(), "slipway-artifact-"));
    try {
      const file = join(folder, "artifact.zip");
      const download = await downloadArtifact(ctx.octokit, { owner, repo, artifactId: artifact.id, name, run: runLabel }, { maxBytes: MAX_ARTIFACT_BYTES });
      await saveDownload(download, file, { digest: artifact.digest, what: `the artifact "${name}"` });
      const extracted = await extractZip(file, { path, limits: ctx.archiveLimits, archive: `the artifact ${JSON.stringify(name)}`, commit: sha }, write);
      ctx.log(`Stored ${extracted.files} files (${formatBytes(extracted.bytes)}) from the artifact "${name}"${path === undefined ? "" : `, folder \`${path}\``}.`);
      return { files: extracted.files, bytes: extracted.bytes };
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  },
};

/**
 * The identity of an artifact source within a commit. It starts with `/`, which no `source.dir`
 * can (the configuration refuses absolute folders), so an artifact's build never shares a key
 * with a committed folder's; the folder is normalised, so `./dist/` and `dist` are one build.
 */
function artifactSourceKey({ workflow, name, path }: ArtifactSource["artifact"]): string {
  const folder = (path ?? ".").replace(/^(\.\/)+/, "").replace(/\/+$/, "") || ".";
  return `/artifact:${JSON.stringify([workflow, name, folder])}`;
}

function artifactOf(source: BuildSource): ArtifactSource["artifact"] {
  if (source.artifact === undefined) throw new SourceKindError("artifact", source);
  return source.artifact;
}
