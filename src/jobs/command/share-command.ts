import { recordAudit } from "../../audit/record-audit";
import { previewEnvironment } from "../../model/environment-name";
import { formatUtc } from "../../report/markdown";
import { newSecret, secretId } from "../../site/access/secret-id";
import { OWN_PATH } from "../../site/resolve-site-target";
import { siteUrl } from "../../site/site-url";
import { canonicalCommand } from "../../slash-command/canonical-command";
import { SHARE_DAYS } from "../../slash-command/command-arguments";
import { authorize } from "./authorize";
import type { CommandAnswer, CommandContext } from "./command-context";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * `/preview share [days]`: a link that opens this pull request's preview, and nothing else, to
 * whoever holds it, until it expires. Only the SHA-256 of the link's token is stored. The link
 * is in the reply only, never in its first line (the job's recorded result) or the audit trail.
 */
export async function previewShareCommand(command: CommandContext, days: number = SHARE_DAYS.default): Promise<CommandAnswer> {
  const { ctx, job } = command;
  const { owner, repo } = job.repository;
  const environment = previewEnvironment(job.pullNumber);
  const auth = await authorize(command, "write", environment);
  if (!auth.allowed) return auth.answer;
  const live = await ctx.stores.environments.get(owner, repo, environment);
  if (live?.state !== "active") {
    return { ok: false, body: "This pull request has no live preview to share. Push a commit or comment `/preview` to build it, then share it." };
  }

  const now = ctx.now();
  const token = newSecret();
  const expiresAt = new Date(now.getTime() + days * DAY_MS).toISOString();
  await ctx.stores.shareLinks.create({ owner, repo, environment, id: secretId(token), createdBy: job.actor, createdAt: now.toISOString(), expiresAt });
  await recordAudit(ctx, {
    owner,
    repo,
    environment,
    action: "share",
    actor: job.actor,
    trigger: canonicalCommand(job.command),
    result: "success",
    detail: `share link ${secretId(token).slice(0, 12)} until ${expiresAt}`,
    link: job.commentUrl,
  });
  const link = `${siteUrl({ baseUrl: ctx.siteBaseUrl, domain: ctx.siteDomain }, owner, repo, environment)}${OWN_PATH}share/${token}`;
  const visibility = live.private === false ? " (the repository is public, so its preview needs no link)" : "";
  return {
    ok: true,
    body: [
      `🔗 Share link for the preview of #${job.pullNumber}, valid until ${formatUtc(expiresAt)}${visibility}:`,
      "",
      link,
      "",
      `Anyone with this link can open this preview, and nothing else, without a GitHub account. \`/preview unshare\` revokes every share link of this preview.`,
    ].join("\n"),
  };
}

/** `/preview unshare`: revokes every share link of this pull request's preview, at once. */
export async function previewUnshareCommand(command: CommandContext): Promise<CommandAnswer> {
  const { ctx, job } = command;
  const { owner, repo } = job.repository;
  const environment = previewEnvironment(job.pullNumber);
  const auth = await authorize(command, "write", environment);
  if (!auth.allowed) return auth.answer;
  const revoked = await ctx.stores.shareLinks.revokeAll(owner, repo, environment, ctx.now());
  await recordAudit(ctx, {
    owner,
    repo,
    environment,
    action: "unshare",
    actor: job.actor,
    trigger: canonicalCommand(job.command),
    result: "success",
    detail: `${revoked} live share link${revoked === 1 ? "" : "s"} revoked`,
    link: job.commentUrl,
  });
  return revoked === 0
    ? { ok: true, body: "This preview has no live share links; nothing to revoke." }
    : { ok: true, body: `Revoked ${revoked} share link${revoked === 1 ? "" : "s"} of this preview: ${revoked === 1 ? "it opens" : "they open"} nothing any more, including pages already open, from their next load.` };
}
