import { githubErrorStatus } from "./github-error";
import type { Octokit } from "./octokit";

export type ReactionOctokit = {
  rest: { reactions: Pick<Octokit["rest"]["reactions"], "createForIssueComment"> };
};

/** The reactions Slipway uses on a command: accepted, succeeded, refused or failed. */
export type CommandReaction = "eyes" | "rocket" | "confused" | "+1";

/**
 * Adds `content` as a reaction to an issue or pull request comment. Idempotent: GitHub answers
 * 200 instead of 201 when the app already reacted so, and keeps a single reaction.
 *
 * Returns false when the comment is gone (404, or 410 when the conversation was deleted): a
 * reaction is a courtesy, and a person deleting their command must not fail the job that
 * carries it out. Any other error is thrown.
 */
export async function addReaction(
  octokit: ReactionOctokit,
  { owner, repo, commentId, content }: { owner: string; repo: string; commentId: number; content: CommandReaction },
): Promise<boolean> {
  try {
    await octokit.rest.reactions.createForIssueComment({ owner, repo, comment_id: commentId, content });
    return true;
  } catch (error) {
    const status = githubErrorStatus(error);
    if (status === 404 || status === 410) return false;
    throw error;
  }
}
