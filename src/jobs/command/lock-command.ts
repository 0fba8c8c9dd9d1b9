import { recordAudit } from "../../audit/record-audit";
import { authorizeEnvironment } from "./authorize";
import { canonicalCommand } from "../../slash-command/canonical-command";
import { DEFAULT_GUARDED_ENVIRONMENT, type CommandAnswer, type CommandContext } from "./command-context";
import { lockedMessage } from "../../deploy/lock-guard";

/**
 * `/lock [env] [reason]`: a sticky lock. While it is held nobody else can deploy or roll the
 * environment back; its holder still can. Taking it needs the environment's deploy permission.
 */
export async function lockCommand(command: CommandContext, requested: string | undefined, reason: string | undefined): Promise<CommandAnswer> {
  const { ctx, job } = command;
  const { owner, repo } = job.repository;
  const environment = requested ?? DEFAULT_GUARDED_ENVIRONMENT;
  const auth = await authorizeEnvironment(command, environment);
  if (!auth.allowed) return auth.answer;

  const audit = { owner, repo, environment, action: "lock" as const, actor: job.actor, trigger: canonicalCommand(job.command), link: job.commentUrl };
  const result = await ctx.stores.locks.acquire({ owner, repo, environment, holder: job.actor, reason, link: job.commentUrl, createdAt: ctx.now().toISOString() });
  if (!result.acquired) {
    await recordAudit(ctx, { ...audit, result: "refused", detail: `already locked by ${result.current.holder}` });
    return { ok: false, body: lockedMessage(result.current) };
  }
  await recordAudit(ctx, { ...audit, result: "success", detail: reason });
  return {
    ok: true,
    body: `🔒 **${environment}** is locked by @${job.actor}${reason ? ` (“${reason}”)` : ""}. Nobody else can deploy or roll it back until \`/unlock ${environment}\`.`,
  };
}

/** `/unlock [env]`: by the lock's holder, or by an admin. */
export async function unlockCommand(command: CommandContext, requested: string | undefined): Promise<CommandAnswer> {
  const { ctx, job } = command;
  const { owner, repo } = job.repository;
  const environment = requested ?? DEFAULT_GUARDED_ENVIRONMENT;
  const auth = await authorizeEnvironment(command, environment);
  if (!auth.allowed) return auth.answer;

  const audit = { owner, repo, environment, action: "unlock" as const, actor: job.actor, trigger: canonicalCommand(job.command), link: job.commentUrl };
  const result = await ctx.stores.locks.release(owner, repo, environment, job.actor, auth.permission === "admin");
  if (!result.released) {
    if (!result.current) return { ok: true, body: `**${environment}** is not locked; nothing to do.` };
    await recordAudit(ctx, { ...audit, result: "refused", detail: `held by ${result.current.holder}` });
    return { ok: false, body: `${lockedMessage(result.current)} Only its holder or an admin can unlock it.` };
  }
  await recordAudit(ctx, { ...audit, result: "success", detail: result.previous.holder === job.actor ? undefined : `lock of ${result.previous.holder} released by an admin` });
  return { ok: true, body: `🔓 **${environment}** is unlocked.` };
}
