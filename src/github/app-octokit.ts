import type { Octokit as CoreOctokit } from "@octokit/core";

/**
 * The app-authenticated client (a JWT signed with the app's key) for the app's own endpoints,
 * such as its webhook deliveries. Functions in this folder take only its `request`.
 */
export type AppOctokit = Pick<CoreOctokit, "request">;
