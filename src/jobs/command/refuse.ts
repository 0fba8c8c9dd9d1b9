import { recordAudit } from "../../audit/record-audit";
import type { CommandAnswer, CommandContext } from "./command-context";
import { canonicalCommand } from "../../slash-command/canonical-command";
import { lockAgainst, lockedMessage } from "../../deploy/lock-guard";

/** Records a refused command in the audit trail (why: `detail`) and answers it with `body`. */
export async function refuse(command: CommandContext, environment: string | undefined, detail: string, body: string): Promise<CommandAnswer> {
  const { owner, repo } = command.job.repository;
  await recordAudit(command.ctx, {
    owner,
    repo,
    environment,
    action: "refusal",
    actor: command.job.actor,
    trigger: canonicalCommand(command.job.command),
    result: "refused",
    detail,
    link: command.job.commentUrl,
  });
  return { ok: false, body };
}

/** The refusal when someone else holds the environment's lock; undefined when the commenter may go on. */
export async function refuseIfLocked(command: CommandContext, environment: string): Promise<CommandAnswer | undefined> {
  const { owner, repo } = command.job.repository;
  const lock = await lockAgainst(command.ctx, owner, repo, environment, command.job.actor);
  return lock ? refuse(command, environment, `locked by ${lock.holder}`, lockedMessage(lock)) : undefined;
}
