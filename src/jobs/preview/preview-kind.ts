import { defineJobKind } from "../job-kind";
import { pullRequestGroup } from "../job-groups";
import { PreviewJobSchema } from "./preview-job";
import { reportPreviewError, runPreview } from "./run-preview";

/** Previews: one per pull request commit; a later commit's job supersedes an earlier one's. */
export const previewKind = defineJobKind({
  kind: "preview",
  schema: PreviewJobSchema,
  identity: (job) => [job.repository.repoId, job.pullNumber, job.headSha],
  group: (job) => pullRequestGroup(job.repository.repoId, job.pullNumber),
  run: runPreview,
  reportGaveUp: reportPreviewError,
});
