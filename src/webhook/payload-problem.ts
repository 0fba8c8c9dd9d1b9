import type { z } from "zod";
import { IssueCommentPayload } from "./issue-comment-payload";
import { PullRequestPayload } from "./pull-request-payload";
import { PushPayload } from "./push-payload";
import { ReleasePayload } from "./release-payload";

/** The payload schema of each event Slipway plans jobs from; other events only need an object. */
const SCHEMAS = new Map<string, z.ZodType>([
  ["pull_request", PullRequestPayload],
  ["issue_comment", IssueCommentPayload],
  ["push", PushPayload],
  ["release", ReleasePayload],
]);

/** Issues named in an answer; the rest are counted. */
const MAX_ISSUES = 5;

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return `a JSON ${typeof value}`;
}

/**
 * What is wrong with a verified delivery's parsed body for its event (`X-GitHub-Event`), in
 * words for the answer and the log, or `undefined` when the planners can read it.
 */
export function payloadProblem(event: string, payload: unknown): string | undefined {
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) return `the body is ${kindOf(payload)}, not a JSON object`;
  const result = SCHEMAS.get(event)?.safeParse(payload);
  if (!result || result.success) return undefined;
  const issues = result.error.issues;
  const named = issues.slice(0, MAX_ISSUES).map((issue) => `${issue.path.join(".") || "(payload)"}: ${issue.message}`);
  const more = issues.length > MAX_ISSUES ? `; and ${issues.length - MAX_ISSUES} more` : "";
  return `the ${event} payload is not what GitHub sends: ${named.join("; ")}${more}`;
}
