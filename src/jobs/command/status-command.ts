import type { AuditRecord } from "../../model/records";
import { formatUtc, tableCell } from "../../report/markdown";
import { type CommandAnswer, type CommandContext } from "./command-context";

const RECENT = 3;

function recentLine(entry: AuditRecord): string {
  const sha = entry.sha ? ` \`${entry.sha.slice(0, 7)}\`` : "";
  return `${entry.action}${sha} by @${entry.actor} (${entry.result}, ${formatUtc(entry.at)})`;
}

/**
 * `/status`: what is deployed where (commit, who, when), the locks, and the last few
 * deployments of each environment, read from the stored state and the audit trail.
 */
export async function statusCommand(command: CommandContext): Promise<CommandAnswer> {
  const { ctx, job } = command;
  const { owner, repo } = job.repository;
  const [environments, locks] = await Promise.all([ctx.stores.environments.list(owner, repo), ctx.stores.locks.list(owner, repo)]);
  const live = environments.filter((environment) => environment.state === "active");
  if (live.length === 0 && locks.length === 0) return { ok: true, body: `Nothing is deployed from ${owner}/${repo} yet, and no environment is locked.` };

  const rows = await Promise.all(
    live.map(async (environment) => {
      const history = await ctx.stores.audit.listForEnvironment(owner, repo, environment.name, RECENT);
      const lock = locks.find((candidate) => candidate.environment === environment.name);
      return [
        `[${tableCell(environment.name)}](${environment.url})`,
        `\`${environment.sha.slice(0, 7)}\``,
        environment.actor ? `@${tableCell(environment.actor)}` : "—",
        formatUtc(environment.updatedAt),
        lock ? `🔒 @${tableCell(lock.holder)}` : "—",
        history.map(recentLine).map(tableCell).join("<br>") || "—",
      ];
    }),
  );
  const table = ["| Environment | Commit | By | When | Lock | Recent |", "| --- | --- | --- | --- | --- | --- |", ...rows.map((row) => `| ${row.join(" | ")} |`)];
  const lockedElsewhere = locks
    .filter((lock) => !live.some((environment) => environment.name === lock.environment))
    .map((lock) => `- 🔒 **${lock.environment}** locked by @${lock.holder} since ${formatUtc(lock.createdAt)}${lock.reason ? `: ${lock.reason}` : ""}`);
  return { ok: true, body: [`**Deployments of ${owner}/${repo}**`, "", ...table, ...(lockedElsewhere.length ? ["", ...lockedElsewhere] : [])].join("\n") };
}
