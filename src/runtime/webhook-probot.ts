import { Probot, ProbotOctokit, type Logger } from "probot";
import { slipwayApp } from "../app";
import type { Env } from "../config/env";
import type { AcceptDeliveryDeps } from "../webhook/accept-delivery";
import { probotReceiver, receiveWebhook, type WebhookRequest, type WebhookResponse } from "../webhook/receive-webhook";
import { createJsonLogger } from "./json-logger";
import { requireWebhookSecret } from "./github-app";

/** Raised by a GitHub request from the webhook path, which only records and queues. */
export class WebhookPathGitHubCallError extends Error {
  override name = "WebhookPathGitHubCallError";
}

const NO_GITHUB_CALLS = "The webhook path records and queues deliveries and never calls GitHub; GitHub is called by jobs, in the worker.";

/**
 * The auth strategy of the webhook path's Octokit. For every delivery Probot asks its strategy
 * for the event's client (`event-octokit`); with the app's credentials that is a new
 * installation-authenticated Octokit, with a token cache of its own, per delivery, though no
 * handler of the webhook path uses it. Here every event gets the one client the Probot instance
 * already has, and any request through it is refused before it is sent, saying why.
 */
function webhookPathAuth(options: { octokit?: unknown }) {
  const refuse = (what: string) => new WebhookPathGitHubCallError(`${NO_GITHUB_CALLS} Refused: ${what}.`);
  const auth = async (authOptions: { type?: string } = {}) => {
    if (authOptions.type === "event-octokit") return options.octokit;
    throw refuse(`authenticating (${authOptions.type ?? "no type"})`);
  };
  const hook = async (_request: unknown, route: unknown) => {
    const endpoint = typeof route === "string" ? route : describeEndpoint(route);
    throw refuse(endpoint);
  };
  return Object.assign(auth, { hook });
}

function describeEndpoint(route: unknown): string {
  if (typeof route !== "object" || route === null) return "a request";
  const { method, url } = route as { method?: unknown; url?: unknown };
  return `${typeof method === "string" ? method : "a request to"} ${typeof url === "string" ? url : "GitHub"}`;
}

const WebhookPathOctokit = ProbotOctokit.defaults({ authStrategy: webhookPathAuth });

/**
 * The Probot instance of the webhook path: it verifies deliveries with WEBHOOK_SECRET and runs
 * the app's handlers, which record and queue. It holds no GitHub credentials (neither APP_ID
 * nor the private key is read), so verifying and dispatching a delivery builds no GitHub
 * client, and a GitHub call from a handler fails at once (see {@link webhookPathAuth}).
 */
export function createWebhookProbot(env: Pick<Env, "WEBHOOK_SECRET" | "LOG_LEVEL">, options: { log?: Logger } = {}): Probot {
  return new Probot({
    secret: requireWebhookSecret(env),
    log: options.log ?? createJsonLogger(env, "webhook"),
    Octokit: WebhookPathOctokit,
  });
}

/**
 * The webhook endpoint (see `receiveWebhook`): the app's handlers loaded into the webhook path's
 * Probot. The same for the local server and the webhook Lambda.
 */
export async function createWebhookEndpoint(
  env: Pick<Env, "WEBHOOK_SECRET" | "LOG_LEVEL">,
  deps: AcceptDeliveryDeps,
  options: { log?: Logger } = {},
): Promise<(request: WebhookRequest) => Promise<WebhookResponse>> {
  const probot = createWebhookProbot(env, options);
  await probot.load(slipwayApp(deps));
  return receiveWebhook(probotReceiver(probot), probot.log);
}
