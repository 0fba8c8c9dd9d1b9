import type { KnownObjects } from "./create-once";
import { stickyMarker, upsertStickyComment, type StickyCommentOctokit } from "./upsert-sticky-comment";

export type ReplyOctokit = StickyCommentOctokit;

export interface CommandReply {
  owner: string;
  repo: string;
  issueNumber: number;
  /** The command comment being answered: the reply's identity. */
  commentId: number;
  /** The command's first line, e.g. `/deploy staging`, quoted so the reply says what it answers. */
  quote: string;
  /** Markdown: what happened, or why not and what to do. */
  body: string;
}

/**
 * Answers a command comment with a comment that quotes the command. There is one answer per
 * command, found by a hidden marker naming the command's comment id, so a redelivered or
 * retried job edits its answer (e.g. from "deploying" to "deployed") instead of adding another.
 */
export async function replyToComment(octokit: ReplyOctokit, reply: CommandReply, known?: KnownObjects): Promise<{ id: number; htmlUrl: string }> {
  const { owner, repo, issueNumber, commentId } = reply;
  const marker = stickyMarker(`reply:${commentId}`);
  const body = `> ${quoteLine(reply.quote)}\n\n${reply.body}`;
  const { id, htmlUrl } = await upsertStickyComment(octokit, { owner, repo, issueNumber, marker, body }, known);
  return { id, htmlUrl };
}

/**
 * The quote is the commenter's text, repeated by the bot. It is kept to one line, and `<` is
 * escaped so it cannot carry an HTML comment: a copied marker would make another sticky
 * comment's upsert find this reply (a bot comment with its marker) and overwrite it.
 */
function quoteLine(quote: string): string {
  const [firstLine = ""] = quote.split(/\r?\n|\r/);
  return firstLine.trim().replaceAll("<", "&lt;");
}
