import { createHash } from "node:crypto";
import type { QueuedJob } from "./job-queue";

/** What SQS accepts as a MessageDeduplicationId. */
const SQS_DEDUPLICATION_ID = /^[A-Za-z0-9!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]{1,128}$/;

/**
 * The FIFO deduplication id of a job message: the job id, plus the suffix of a deliberate re-send.
 * An id SQS would reject (too long, or with other characters) is replaced by its SHA-256, which
 * is still the same for the same job and suffix, so duplicates are still dropped.
 */
export function deduplicationId(job: QueuedJob): string {
  const id = job.dedupSuffix === undefined ? job.jobId : `${job.jobId}-${job.dedupSuffix}`;
  return SQS_DEDUPLICATION_ID.test(id) ? id : createHash("sha256").update(id).digest("hex");
}
