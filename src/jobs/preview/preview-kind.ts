import { defineJobKind } from "../job-kind";
import { pullRequestGroup } from "../job-groups";
import { runIdentity } from "../run-identity";
import { PreviewJobSchema } from "./preview-job";
import { reportPreviewError, runPreview } from "./run-preview";

/** Previews: one per pull request commit; a later commit's job supersedes an earlier one's. */
export const previewKind = defineJobKind({
  kind: "preview",
  schema: PreviewJobSchema,
  // A run's completion resumes the preview as a job of its own, so the waiting one (finished) does not hide it.
  identity: (job) => [job.repository.repoId, job.pullNumber, job.headSha, ...runIdentity(job)],
  group: (job) => pullRequestGroup(job.repository.repoId, job.pullNumber),
  run: runPreview,
  reportGaveUp: reportPreviewError,
});
