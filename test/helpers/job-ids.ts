import { JOB_KINDS } from "../../src/job-kinds";
import type { JobPayload } from "../../src/model/job-record";

/** The id the registry gives a job (deterministic). */
export function jobId(job: JobPayload): string {
  return JOB_KINDS.load(job).id;
}

/** The ordering group the registry gives a job. */
export function jobGroup(job: JobPayload): string {
  return JOB_KINDS.load(job).group;
}
