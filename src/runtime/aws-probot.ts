import { createProbot, WriteBudgetOctokit } from "./github-app";
import { env, once } from "./aws-runtime";

/**
 * The Probot app with the app's credentials, for the worker, which calls GitHub as an
 * installation (the webhook function has a Probot without credentials: see webhook-probot.ts).
 * Its clients are paced by each installation's write budget, not Probot's process-wide spacing.
 */
export const probot = once(async () => createProbot(await env(), { Octokit: WriteBudgetOctokit }));
