import { createProbot, WriteBudgetOctokit } from "./github-app";
import { env, once } from "./aws-runtime";

/**
 * The Probot app, for the functions that verify webhooks or call GitHub as an installation.
 * Its clients are paced by each installation's write budget, not Probot's process-wide spacing.
 */
export const probot = once(async () => createProbot(await env(), { Octokit: WriteBudgetOctokit }));
