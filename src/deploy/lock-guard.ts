import type { LockRecord } from "../model/records";
import type { JobContext } from "../jobs/job-context";
import { formatUtc } from "../report/markdown";

/** The lock that stops `actor` from changing the environment: held by someone else. */
export async function lockAgainst(ctx: Pick<JobContext, "stores">, owner: string, repo: string, environment: string, actor: string): Promise<LockRecord | undefined> {
  const lock = await ctx.stores.locks.get(owner, repo, environment);
  return lock && lock.holder.toLowerCase() !== actor.toLowerCase() ? lock : undefined;
}

/** Says who holds the lock, since when and why, and how it is released. */
export function lockedMessage(lock: LockRecord): string {
  const reason = lock.reason ? `: “${lock.reason}”` : "";
  return `**${lock.environment}** is locked by @${lock.holder} since ${formatUtc(lock.createdAt)}${reason}. Ask @${lock.holder} to comment \`/unlock ${lock.environment}\` (an admin can too).`;
}
