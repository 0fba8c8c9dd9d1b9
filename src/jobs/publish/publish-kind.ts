import { defineJobKind } from "../job-kind";
import { PublishJobSchema } from "./publish-job";
import { runPublish } from "./run-publish";
import { reportPublishGaveUp } from "./report-publish-gave-up";

/**
 * Publish on release: one job per release, and one per "Retry failed" or re-run; every run of
 * a release goes in one group, so two never race on its targets.
 */
export const publishKind = defineJobKind({
  kind: "publish",
  schema: PublishJobSchema,
  identity: (job) => [job.repository.repoId, job.releaseId, ...(job.retry ? [job.retry.action, job.retry.checkRunId, job.retry.completedAt] : ["release"])],
  group: (job) => `${job.repository.repoId}-release-${job.releaseId}`,
  run: (job, ctx) => runPublish(job, ctx),
  reportGaveUp: reportPublishGaveUp,
});
