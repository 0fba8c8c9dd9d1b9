import { createHmac, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { PullRequestEvent, ReleasePublishedEvent } from "@octokit/webhooks-types";

export const WEBHOOK_SECRET = "test-webhook-secret";

/** A recorded `pull_request` payload from fixtures/webhooks (from @octokit/webhooks-examples). */
export function pullRequestPayload(action: "opened" | "synchronize" | "closed" | "reopened"): PullRequestEvent {
  const text = readFileSync(join(__dirname, "..", "..", "fixtures", "webhooks", `pull_request.${action}.json`), "utf8");
  return JSON.parse(text) as PullRequestEvent;
}

/** The recorded `release.published` payload from fixtures/webhooks (from @octokit/webhooks-examples, with an installation). */
export function releasePublishedPayload(): ReleasePublishedEvent {
  const text = readFileSync(join(__dirname, "..", "..", "fixtures", "webhooks", "release.published.json"), "utf8");
  return JSON.parse(text) as ReleasePublishedEvent;
}

/** Headers GitHub sends with a delivery, signed with `secret`. */
export function signedHeaders(event: string, body: string, options: { secret?: string; delivery?: string } = {}): Record<string, string> {
  const signature = createHmac("sha256", options.secret ?? WEBHOOK_SECRET).update(body).digest("hex");
  return {
    "content-type": "application/json",
    "x-github-event": event,
    "x-github-delivery": options.delivery ?? randomUUID(),
    "x-hub-signature-256": `sha256=${signature}`,
    "user-agent": "GitHub-Hookshot/test",
  };
}
