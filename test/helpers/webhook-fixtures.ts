import { createHmac, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { DeploymentStatusEvent, PullRequestEvent, ReleasePublishedEvent, WorkflowRunCompletedEvent } from "@octokit/webhooks-types";

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

/** A recorded `workflow_run.completed` payload from fixtures/webhooks: `success`, `failure` or a fork's `fork`. */
export function workflowRunPayload(variant: "success" | "failure" | "fork" = "success"): WorkflowRunCompletedEvent {
  const file = { success: "workflow_run.completed", failure: "workflow_run.completed-failure", fork: "workflow_run.completed-fork" }[variant];
  const text = readFileSync(join(__dirname, "..", "..", "fixtures", "webhooks", `${file}.json`), "utf8");
  return JSON.parse(text) as WorkflowRunCompletedEvent;
}

/** The `deployment_status.created` delivery of a deploy workflow's success on a Deployment Slipway handed off (fixtures/webhooks). */
export function deploymentStatusPayload(): DeploymentStatusEvent {
  const text = readFileSync(join(__dirname, "..", "..", "fixtures", "webhooks", "deployment_status.created.json"), "utf8");
  return JSON.parse(text) as DeploymentStatusEvent;
}
