import type { HandedOffEnvironmentRecord } from "../../model/handed-off-environment";
import type { AuditRecord, EnvironmentRecord } from "../../model/records";
import { formatUtc, tableCell } from "../../report/markdown";
import { type CommandAnswer, type CommandContext } from "./command-context";

const RECENT = 3;

/** One environment as `/status` shows it, whether Slipway serves it or the repository's workflow deploys it. */
interface StatusEntry {
  name: string;
  /** Linked only while it is live. */
  url?: string;
  sha: string;
  actor?: string;
  updatedAt: string;
  /** What the deploy workflow last reported, when it is not live: `deploying`, `failed`. */
  pending?: string;
}

function recentLine(entry: AuditRecord): string {
  const sha = entry.sha ? ` \`${entry.sha.slice(0, 7)}\`` : "";
  return `${entry.action}${sha} by @${entry.actor} (${entry.result}, ${formatUtc(entry.at)})`;
}

function servedEntry(environment: EnvironmentRecord): StatusEntry {
  return { name: environment.name, url: environment.url, sha: environment.sha, actor: environment.actor, updatedAt: environment.updatedAt };
}

function handedOffEntry(environment: HandedOffEnvironmentRecord): StatusEntry {
  const live = environment.state === "active";
  return { name: environment.name, url: live ? environment.url : undefined, sha: environment.sha, actor: environment.actor, updatedAt: environment.updatedAt, pending: live ? undefined : environment.state };
}

/**
 * The live environments Slipway serves and the ones the repository's workflow deploys, by name;
 * one in both (its `deployer` changed) as it was updated last.
 */
function statusEntries(served: EnvironmentRecord[], handedOff: HandedOffEnvironmentRecord[]): StatusEntry[] {
  const entries = new Map<string, StatusEntry>();
  for (const entry of [...served.filter((environment) => environment.state === "active").map(servedEntry), ...handedOff.map(handedOffEntry)]) {
    const other = entries.get(entry.name);
    if (!other || Date.parse(other.updatedAt) < Date.parse(entry.updatedAt)) entries.set(entry.name, entry);
  }
  return [...entries.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * `/status`: what is deployed where (commit, who, when), the locks, and the last few
 * deployments of each environment, read from the stored state and the audit trail.
 */
export async function statusCommand(command: CommandContext): Promise<CommandAnswer> {
  const { ctx, job } = command;
  const { owner, repo } = job.repository;
  const [served, handedOff, locks] = await Promise.all([ctx.stores.environments.list(owner, repo), ctx.stores.handedOffEnvironments.list(owner, repo), ctx.stores.locks.list(owner, repo)]);
  const live = statusEntries(served, handedOff);
  if (live.length === 0 && locks.length === 0) return { ok: true, body: `Nothing is deployed from ${owner}/${repo} yet, and no environment is locked.` };

  const rows = await Promise.all(
    live.map(async (environment) => {
      const history = await ctx.stores.audit.listForEnvironment(owner, repo, environment.name, RECENT);
      const lock = locks.find((candidate) => candidate.environment === environment.name);
      const name = environment.url ? `[${tableCell(environment.name)}](${environment.url})` : tableCell(environment.name);
      return [
        environment.pending ? `${name} (${environment.pending})` : name,
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
