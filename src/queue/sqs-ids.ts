import { createHash } from "node:crypto";
import type { QueuedJob } from "./job-queue";

/** What SQS accepts as a MessageDeduplicationId or a MessageGroupId. */
const SQS_ID = /^[A-Za-z0-9!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]{1,128}$/;

/**
 * The value itself when SQS accepts it; otherwise its SHA-256, the same for the same value. An
 * empty value is a mistake, not a name to disguise: it is left for SQS to refuse.
 */
function sqsId(value: string): string {
  return value === "" || SQS_ID.test(value) ? value : createHash("sha256").update(value).digest("hex");
}

/**
 * The FIFO deduplication id of a job message: the job id, plus the suffix of a deliberate re-send.
 * An id SQS would reject (too long, or with other characters) is replaced by its SHA-256, which
 * is still the same for the same job and suffix, so duplicates are still dropped.
 */
export function deduplicationId(job: QueuedJob): string {
  return sqsId(job.dedupSuffix === undefined ? job.jobId : `${job.jobId}-${job.dedupSuffix}`);
}

/**
 * The FIFO message group of a job: its group, or, when SQS would reject that (a branch name
 * past the length limit or outside ASCII), its SHA-256, so the jobs of that branch still share
 * one group.
 */
export function messageGroupId(job: QueuedJob): string {
  return sqsId(job.group);
}
