import type { JobPayload } from "../model/job-record";
import type { BranchHead, PullRequestHead } from "../model/records";

/**
 * What one webhook turns into: jobs for the worker, and the newest head of the pull request
 * or branch, so a job for an older commit can tell it has been superseded. The jobs of a plan
 * that records a head are given the sequence the head was recorded with.
 */
export interface Plan {
  jobs: JobPayload[];
  pullRequest?: PullRequestHead;
  /** A branch's newest head, so a push that was overtaken is not built. */
  branch?: BranchHead;
}

export const EMPTY_PLAN: Plan = { jobs: [] };
