import type { Command } from "../../commands/command";
import { getPermission, permissionAtLeast, type Permission } from "../../github/get-permission";
import { recordAudit } from "../audit-entry";
import type { CommandAnswer, CommandContext } from "./command-context";

type Needed = Exclude<Permission, "none">;

/**
 * Checks the commenter's repository permission (the collaborator permission API's role)
 * against what the command needs. A refusal is recorded in the audit trail and answered with
 * what was needed and what the user has.
 */
export async function authorize(
  command: CommandContext,
  need: Needed,
  what: { environment?: string; action: "deploy" | "rollback" | "lock" | "unlock" | "preview" | "teardown" },
): Promise<{ allowed: true; permission: Permission } | { allowed: false; answer: CommandAnswer }> {
  const { owner, repo } = command.job.repository;
  const permission = await getPermission(command.octokit, { owner, repo, username: command.job.actor });
  if (permissionAtLeast(permission, need)) return { allowed: true, permission };

  const setting = what.environment ? ` (set by \`environments.${what.environment}.permission\` in .github/slipway.yml)` : "";
  await recordAudit(command.ctx, {
    owner,
    repo,
    environment: what.environment,
    action: "refusal",
    actor: command.job.actor,
    trigger: commandLine(command.job.command),
    result: "refused",
    detail: `needs ${need}, has ${permission}`,
    link: command.job.commentUrl,
  });
  return {
    allowed: false,
    answer: {
      ok: false,
      body: `This needs **${need}** permission on ${owner}/${repo}${setting}; @${command.job.actor} has **${permission}**. Ask someone with ${need} access to run it.`,
    },
  };
}

/** The command in its canonical form (`/rollback production to abc1234`), for replies and the audit trail. */
export function commandLine(parsed: Command): string {
  switch (parsed.name) {
    case "invalid":
      return parsed.input;
    case "preview-destroy":
      return "/preview destroy";
    case "rollback":
      return ["/rollback", parsed.environment, parsed.to ? `to ${parsed.to}` : undefined].filter(Boolean).join(" ");
    case "deploy":
    case "lock":
    case "unlock":
      return [`/${parsed.name}`, parsed.environment].filter(Boolean).join(" ");
    default:
      return `/${parsed.name}`;
  }
}
