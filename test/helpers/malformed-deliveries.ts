import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pullRequestPayload } from "./webhook-fixtures";

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(__dirname, "..", "..", "fixtures", "webhooks", `${name}.json`), "utf8")) as Record<string, unknown>;
}

/** A signed body GitHub would never send, and what the answer must name. */
export interface MalformedDelivery {
  name: string;
  event: string;
  body: string;
  /** Matched against the 400 answer's message and the log line's reason. */
  says: RegExp;
  /** A pull request number in the body, to check nothing was recorded for it. */
  pullNumber?: number;
}

/** The wrong shapes a validly signed delivery can have, one per planner input. */
export function malformedDeliveries(): MalformedDelivery[] {
  const withoutPullRequest = { ...pullRequestPayload("opened") } as Record<string, unknown>;
  delete withoutPullRequest.pull_request;
  const headNull = pullRequestPayload("opened");
  headNull.pull_request.number = 9001;
  (headNull.pull_request as unknown as Record<string, unknown>).head = null;
  const withoutComment = fixture("issue_comment.created");
  delete withoutComment.comment;
  const pushWithoutRef = fixture("push");
  delete pushWithoutRef.ref;
  const pushHeadCommitText = { ...fixture("push"), head_commit: "a commit" };
  return [
    { name: "null", event: "pull_request", body: "null", says: /body is null, not a JSON object/ },
    { name: "a JSON string", event: "pull_request", body: JSON.stringify("opened"), says: /body is a JSON string, not a JSON object/ },
    { name: "a pull_request event without pull_request", event: "pull_request", body: JSON.stringify(withoutPullRequest), says: /pull_request payload .*pull_request: .*expected object, received undefined/ },
    { name: "a pull_request event whose head is null", event: "pull_request", body: JSON.stringify(headNull), says: /pull_request payload .*pull_request\.head: .*expected object, received null/, pullNumber: 9001 },
    { name: "an issue_comment event without comment", event: "issue_comment", body: JSON.stringify(withoutComment), says: /issue_comment payload .*comment: .*expected object, received undefined/ },
    { name: "a push event without ref", event: "push", body: JSON.stringify(pushWithoutRef), says: /push payload .*ref: .*expected string, received undefined/ },
    { name: "a push event whose head_commit is text", event: "push", body: JSON.stringify(pushHeadCommitText), says: /push payload .*head_commit: .*expected object, received string/ },
  ];
}
