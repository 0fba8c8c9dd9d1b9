import type { IssueCommentCreatedEvent } from "@octokit/webhooks-types";
import { parseCommand } from "../slash-command/parse-command";
import { EMPTY_PLAN, type Plan } from "./plan";
import { repoRef } from "./repo-ref";

/**
 * Turns a new pull request comment into a command job when its first line is a slash
 * command. Comments by bots (Slipway's own answers included) are never commands, and only
 * new comments count: an edit does not run a command again.
 */
export function planIssueComment(payload: IssueCommentCreatedEvent): Plan {
  const repository = repoRef(payload);
  if (!repository || !payload.issue.pull_request) return EMPTY_PLAN;
  if (payload.comment.user.type === "Bot" || payload.sender.type === "Bot") return EMPTY_PLAN;
  const command = parseCommand(payload.comment.body);
  if (!command) return EMPTY_PLAN;
  return {
    jobs: [
      {
        kind: "command",
        repository,
        pullNumber: payload.issue.number,
        commentId: payload.comment.id,
        commentUrl: payload.comment.html_url,
        actor: payload.comment.user.login,
        command,
        eventAt: new Date(payload.comment.created_at).toISOString(),
      },
    ],
  };
}
