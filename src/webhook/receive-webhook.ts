import type { Logger, Probot } from "probot";

/** One HTTP request to the webhook endpoint; header names in lower case. */
export interface WebhookRequest {
  headers: Record<string, string | undefined>;
  body: string;
}

export interface WebhookResponse {
  statusCode: number;
  body: string;
}

/** Verifies and handles one delivery: Probot's `verifyAndReceive`, or the Lambda adapter's function. */
export type Receive = (request: WebhookRequest) => Promise<unknown>;

const REQUIRED_HEADERS = ["x-github-event", "x-github-delivery", "x-hub-signature-256"] as const;

function answer(statusCode: number, message: string): WebhookResponse {
  return { statusCode, body: JSON.stringify({ message }) };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The webhook endpoint's contract, the same locally and on Lambda: unsigned requests get 400
 * and forged ones 401 before anything is recorded; a delivery that could not be recorded gets
 * a plain 500 (so GitHub shows it failed and it can be redelivered), never a raw error.
 */
export function receiveWebhook(receive: Receive, log: Logger) {
  return async function webhook(request: WebhookRequest): Promise<WebhookResponse> {
    const missing = REQUIRED_HEADERS.filter((name) => !request.headers[name]);
    if (missing.length > 0) return answer(400, `Missing header(s): ${missing.join(", ")}. Only signed GitHub webhook deliveries are accepted.`);
    try {
      await receive(request);
      return answer(200, "ok");
    } catch (error) {
      if (/signature does not match/i.test(messageOf(error))) {
        log.warn({ delivery: request.headers["x-github-delivery"] }, "refused a delivery with a wrong signature");
        return answer(401, "The signature does not match: check that WEBHOOK_SECRET is the GitHub App's webhook secret.");
      }
      if (/invalid json/i.test(messageOf(error))) return answer(400, "The body is not valid JSON.");
      log.error({ err: error, delivery: request.headers["x-github-delivery"] }, "delivery could not be recorded");
      return answer(500, "Slipway could not record this delivery. Redeliver it from the GitHub App's Advanced settings.");
    }
  };
}

/** Header names in lower case: HTTP header names are case-insensitive, API Gateway keeps them as sent. */
export function lowerCaseHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), Array.isArray(value) ? value.join(", ") : value]));
}

/**
 * {@link Receive} through Probot's own verification, for the local server (the Lambda goes
 * through the adapter instead). `receiveWebhook` has already refused requests missing a header.
 */
export function probotReceive(probot: Pick<Probot, "webhooks">): Receive {
  return (request) =>
    probot.webhooks.verifyAndReceive({
      id: request.headers["x-github-delivery"] ?? "",
      // An unknown event name is received and ignored: no handler is registered for it.
      name: (request.headers["x-github-event"] ?? "") as Parameters<Probot["webhooks"]["verifyAndReceive"]>[0]["name"],
      signature: request.headers["x-hub-signature-256"] ?? "",
      payload: request.body,
    });
}
