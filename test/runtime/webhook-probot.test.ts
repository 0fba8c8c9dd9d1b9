import nock from "nock";
import pino from "pino";
import type { Context } from "probot";
import { MissingCredentialsError } from "../../src/runtime/github-app";
import { createWebhookProbot, WebhookPathGitHubCallError } from "../../src/runtime/webhook-probot";
import { pullRequestPayload, signedHeaders, WEBHOOK_SECRET } from "../helpers/webhook-fixtures";

const silent = pino({ level: "silent" });

/** Verifies and dispatches one signed `pull_request.opened` delivery, as the webhook endpoint does. */
async function deliver(probot: ReturnType<typeof createWebhookProbot>, secret = WEBHOOK_SECRET): Promise<void> {
  const body = JSON.stringify(pullRequestPayload("opened"));
  const headers = signedHeaders("pull_request", body, { secret });
  await probot.webhooks.verifyAndReceive({ id: headers["x-github-delivery"]!, name: "pull_request", signature: headers["x-hub-signature-256"]!, payload: body });
}

describe("the webhook path's Probot", () => {
  it("needs only the webhook secret: no app id, no private key", async () => {
    const probot = createWebhookProbot({ WEBHOOK_SECRET, LOG_LEVEL: "fatal" }, { log: silent });
    const received: string[] = [];
    probot.on("pull_request.opened", async (context) => void received.push(context.id));
    await deliver(probot);
    expect(received).toHaveLength(1);
  });

  it("refuses to start without the webhook secret, saying which variable to set", () => {
    expect(() => createWebhookProbot({ LOG_LEVEL: "fatal" }, { log: silent })).toThrow(MissingCredentialsError);
    expect(() => createWebhookProbot({ LOG_LEVEL: "fatal" }, { log: silent })).toThrow(/WEBHOOK_SECRET must be set/);
  });

  it("still refuses a delivery signed with another secret", async () => {
    const probot = createWebhookProbot({ WEBHOOK_SECRET, LOG_LEVEL: "fatal" }, { log: silent });
    const handler = jest.fn();
    probot.on("pull_request.opened", handler);
    await expect(deliver(probot, "not-the-secret")).rejects.toThrow(/signature does not match/i);
    expect(handler).not.toHaveBeenCalled();
  });

  it("builds no GitHub client per delivery: every event is handed the same one", async () => {
    const probot = createWebhookProbot({ WEBHOOK_SECRET, LOG_LEVEL: "fatal" }, { log: silent });
    const clients: unknown[] = [];
    probot.on("pull_request.opened", async (context) => void clients.push(context.octokit));
    await deliver(probot);
    await deliver(probot);
    expect(clients).toHaveLength(2);
    expect(clients[0]).toBe(clients[1]);
  });

  it("refuses a GitHub call from a handler before anything is sent, saying why", async () => {
    const probot = createWebhookProbot({ WEBHOOK_SECRET, LOG_LEVEL: "fatal" }, { log: silent });
    // Were the request sent, this scope would answer it.
    const github = nock("https://api.github.com").get("/repos/Codertocat/Hello-World").reply(200, {});
    let failure: unknown;
    probot.on("pull_request.opened", async (context: Context<"pull_request.opened">) => {
      failure = await context.octokit.request("GET /repos/{owner}/{repo}", context.repo()).catch((error: unknown) => error);
    });
    await deliver(probot);
    expect(failure).toBeInstanceOf(WebhookPathGitHubCallError);
    expect(String((failure as Error).message)).toMatch(/never calls GitHub.*Refused: GET \/repos\/\{owner\}\/\{repo\}/);
    expect(github.isDone()).toBe(false);
    await expect(probot.auth(1)).rejects.toThrow(WebhookPathGitHubCallError);
  });
});
