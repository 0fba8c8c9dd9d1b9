import type { Octokit } from "./octokit";

export type StickyCommentOctokit = {
  paginate: Pick<Octokit["paginate"], "iterator">;
  rest: { issues: Pick<Octokit["rest"]["issues"], "listComments" | "createComment" | "updateComment"> };
};

export interface StickyComment {
  owner: string;
  repo: string;
  issueNumber: number;
  /** From {@link stickyMarker}: the comment's identity, hidden in its body. */
  marker: string;
  /** Markdown. The marker is appended when the body does not already contain it. */
  body: string;
}

/** Keys are part of an HTML comment: nothing that could end it or confuse a reader. */
const MARKER_KEY = /^[A-Za-z0-9][A-Za-z0-9._:/-]*$/;

/**
 * The hidden HTML comment that identifies one sticky comment, e.g. `stickyMarker("deployments")`
 * gives `<!-- slipway:sticky:deployments -->`.
 */
export function stickyMarker(key: string): string {
  if (!MARKER_KEY.test(key) || key.includes("--")) {
    throw new Error(`Sticky comment key "${key}" is invalid: use letters, digits, '.', '_', ':', '/' and single '-'.`);
  }
  return `<!-- slipway:sticky:${key} -->`;
}

/**
 * Creates the comment carrying `marker` on an issue or pull request, or edits it in place.
 *
 * Every page of comments is searched (a busy pull request buries the bot's first comment), and
 * only a bot's comment counts, so a person quoting the comment never has theirs overwritten.
 * The bot is recognised by its account type, not a login: the login follows the app's
 * registration, which differs between a staging and a production app or on GitHub Enterprise. An unchanged body is not sent again, which
 * keeps the comment's "edited" history clean when a job is redelivered.
 */
export async function upsertStickyComment(
  octokit: StickyCommentOctokit,
  { owner, repo, issueNumber, marker, body }: StickyComment,
): Promise<{ id: number; created: boolean; htmlUrl: string }> {
  const wanted = body.includes(marker) ? body : `${body}\n\n${marker}`;
  const existing = await findStickyComment(octokit, { owner, repo, issueNumber, marker });

  if (!existing) {
    const { data } = await octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body: wanted });
    return { id: data.id, created: true, htmlUrl: data.html_url };
  }
  if (existing.body === wanted) return { id: existing.id, created: false, htmlUrl: existing.html_url };
  const { data } = await octokit.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body: wanted });
  return { id: data.id, created: false, htmlUrl: data.html_url };
}

async function findStickyComment(
  octokit: StickyCommentOctokit,
  { owner, repo, issueNumber, marker }: Omit<StickyComment, "body">,
) {
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    owner,
    repo,
    issue_number: issueNumber,
    per_page: 100,
  });
  for await (const { data: comments } of pages) {
    const found = comments.find((comment) => comment.user?.type === "Bot" && comment.body?.includes(marker));
    // Returning ends the iterator, so no further page is requested.
    if (found) return found;
  }
  return undefined;
}
