import { createHash } from "node:crypto";
import { createOnce, NO_BLIND_RETRY, type KnownObjects } from "./create-once";
import { githubErrorStatus } from "./github-error";
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
 * With `known` (what Slipway recorded of the comments it made), the comment is found by its
 * recorded id and an unchanged body is not sent at all: no listing. Listing is for recovery,
 * when no id is recorded or the recorded comment was deleted: then every page of comments is
 * searched (a busy pull request buries the bot's first comment), and only a bot's comment
 * counts, so a person quoting the comment never has theirs overwritten. The bot is recognised
 * by its account type, not a login: the login follows the app's registration. The create is
 * never retried blind (see `createOnce`). An unchanged body is not sent again, which keeps the
 * comment's "edited" history clean when a job is redelivered.
 */
export async function upsertStickyComment(
  octokit: StickyCommentOctokit,
  { owner, repo, issueNumber, marker, body }: StickyComment,
  known?: KnownObjects,
): Promise<{ id: number; created: boolean; htmlUrl: string }> {
  const wanted = body.includes(marker) ? body : `${body}\n\n${marker}`;
  const digest = createHash("sha256").update(wanted).digest("base64url").slice(0, 22);
  const find = async () => {
    const found = await findStickyComment(octokit, { owner, repo, issueNumber, marker });
    return found ? { id: found.id, url: found.html_url, body: found.body ?? "" } : undefined;
  };
  const update = async (id: number) => {
    const { data } = await octokit.rest.issues.updateComment({ owner, repo, comment_id: id, body: wanted });
    return { id: data.id, created: false, htmlUrl: data.html_url };
  };

  if (!known) {
    const existing = await find();
    if (!existing) {
      const { data } = await octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body: wanted });
      return { id: data.id, created: true, htmlUrl: data.html_url };
    }
    return existing.body === wanted ? { id: existing.id, created: false, htmlUrl: existing.url } : update(existing.id);
  }

  const key = `comment:${issueNumber}:${marker}`;
  const recorded = await known.get(key);
  if (recorded?.state === "created" && recorded.id !== undefined) {
    if (recorded.digest === digest) return { id: recorded.id, created: false, htmlUrl: recorded.url ?? "" };
    try {
      const updated = await update(recorded.id);
      await known.saveCreated(key, { id: updated.id, url: updated.htmlUrl, digest });
      return updated;
    } catch (error) {
      // Deleted by someone on GitHub: forget it and make it again.
      if (githubErrorStatus(error) !== 404) throw error;
      await known.forget(key);
    }
  }
  let foundBody: string | undefined;
  const result = await createOnce(known, key, {
    find: async () => {
      const found = await find();
      foundBody = found?.body;
      return found && { id: found.id, url: found.url, digest: createHash("sha256").update(found.body).digest("base64url").slice(0, 22) };
    },
    create: async () => {
      const { data } = await octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body: wanted, ...NO_BLIND_RETRY });
      return { id: data.id, url: data.html_url, digest };
    },
  });
  if (result.created || foundBody === wanted) return { id: result.id, created: result.created, htmlUrl: result.url ?? "" };
  const updated = await update(result.id);
  await known.saveCreated(key, { id: updated.id, url: updated.htmlUrl, digest });
  return updated;
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
