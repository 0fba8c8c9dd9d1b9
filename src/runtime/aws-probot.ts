import { createProbot } from "./github-app";
import { env, once } from "./aws-runtime";

/** The Probot app, for the functions that verify webhooks or call GitHub as an installation. */
export const probot = once(async () => createProbot(await env()));
