import type { ProbotOctokit } from "probot";

/**
 * The installation client Probot hands out. Functions in this folder never take all of it:
 * each declares the slice it calls, so a test can pass the real client behind nock or a
 * plain object with just those methods.
 */
export type Octokit = InstanceType<typeof ProbotOctokit>;
