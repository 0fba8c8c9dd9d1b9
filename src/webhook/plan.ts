import type { JobPayload } from "../model/job-record";
import type { BranchRecord, PullRequestRecord } from "../model/records";

/**
 * What one webhook turns into: jobs for the worker, and the newest head of the pull request
 * or branch, so a job for an older commit can tell it has been superseded.
 */
export interface Plan {
  jobs: JobPayload[];
  pullRequest?: PullRequestRecord;
  /** A branch's newest head, so a push that was overtaken is not built. */
  branch?: BranchRecord;
}

export const EMPTY_PLAN: Plan = { jobs: [] };
