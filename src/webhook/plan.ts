import type { Job } from "../jobs/job";
import type { PullRequestRecord } from "../store/records";

/**
 * What one webhook turns into: jobs for the worker, and the pull request's newest head so a
 * job for an older commit can tell it has been superseded.
 */
export interface Plan {
  jobs: Job[];
  pullRequest?: PullRequestRecord;
}

export const EMPTY_PLAN: Plan = { jobs: [] };
