import type { Logger, Probot } from "probot";
import { payloadProblem } from "./payload-problem";

/** One HTTP request to the webhook endpoint; header names in lower case. */
export interface WebhookRequest {
  headers: Record<string, string | undefined>;
  body: string;
}

export interface WebhookResponse {
  statusCode: number;
  body: string;
}

/**
 * How the endpoint checks and hands on a delivery: `verify` checks the signature against the
 * webhook secret; `receive` runs the app's handlers (record and queue) on the delivery, whose
 * signature has been verified and whose body has been parsed and checked by then.
 */
export interface WebhookReceiver {
  verify(body: string, signature: string): Promise<boolean>;
  receive(request: WebhookRequest, payload: unknown): Promise<unknown>;
}

const REQUIRED_HEADERS = ["x-github-event", "x-github-delivery", "x-hub-signature-256"] as const;

function answer(statusCode: number, message: string): WebhookResponse {
  return { statusCode, body: JSON.stringify({ message }) };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function parseJson(body: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(body) as unknown };
  } catch {
    return undefined;
  }
}

/**
 * The webhook endpoint's contract, the same locally and on Lambda. Before anything is
 * recorded: unsigned requests get 400, forged ones 401, and signed bodies that are not JSON or
 * not the shape GitHub sends for their event get 400 saying what was wrong. Each refusal is
 * one log line (delivery, event, reason), never the body. 5xx only when a good delivery could
 * not be recorded, so GitHub shows it failed and it can be redelivered.
 */
export function receiveWebhook(receiver: WebhookReceiver, log: Logger) {
  return async function webhook(request: WebhookRequest): Promise<WebhookResponse> {
    const delivery = request.headers["x-github-delivery"];
    const event = request.headers["x-github-event"];
    // Everything in the message, so that the line stays one line in every log format
    // (Probot's readable format prints fields on lines of their own).
    const refuse = (statusCode: number, reason: string, message: string): WebhookResponse => {
      log.warn(`refused webhook delivery ${delivery ?? "(no id)"} (${event ?? "no event"}) with ${statusCode}: ${reason}`);
      return answer(statusCode, message);
    };

    const missing = REQUIRED_HEADERS.filter((name) => !request.headers[name]);
    if (missing.length > 0) {
      const reason = `missing header(s): ${missing.join(", ")}`;
      return refuse(400, reason, `Missing header(s): ${missing.join(", ")}. Only signed GitHub webhook deliveries are accepted.`);
    }
    const signed = await receiver.verify(request.body, request.headers["x-hub-signature-256"] ?? "").catch(() => false);
    if (!signed) {
      return refuse(401, "signature does not match", "The signature does not match: check that WEBHOOK_SECRET is the GitHub App's webhook secret.");
    }
    const parsed = parseJson(request.body);
    if (!parsed) return refuse(400, "the body is not JSON", "The body is not valid JSON.");
    const problem = payloadProblem(event ?? "", parsed.value);
    if (problem) return refuse(400, problem, `Slipway cannot use this delivery: ${problem}.`);

    try {
      await receiver.receive(request, parsed.value);
      return answer(200, "ok");
    } catch (error) {
      log.error(`webhook delivery ${delivery} (${event}) could not be recorded, answered 500: ${messageOf(error)}`);
      return answer(500, "Slipway could not record this delivery. Redeliver it from the GitHub App's Advanced settings.");
    }
  };
}

/** Header names in lower case: HTTP header names are case-insensitive, API Gateway keeps them as sent. */
export function lowerCaseHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), Array.isArray(value) ? value.join(", ") : value]));
}

/**
 * {@link WebhookReceiver} through a Probot instance, locally and on Lambda: `receiveWebhook` has
 * verified the signature, refused requests missing a header and parsed the body, so Probot only
 * runs the handlers, without verifying or parsing the body a second time.
 */
export function probotReceiver(probot: Pick<Probot, "webhooks">): WebhookReceiver {
  return {
    verify: (body, signature) => probot.webhooks.verify(body, signature),
    receive: (request, payload) =>
      probot.webhooks.receive({
        id: request.headers["x-github-delivery"] ?? "",
        // An unknown event name is received and ignored: no handler is registered for it. The
        // payload's shape for the events Slipway handles was checked by `payloadProblem`.
        name: request.headers["x-github-event"] ?? "",
        payload,
      } as Parameters<Probot["webhooks"]["receive"]>[0]),
  };
}
