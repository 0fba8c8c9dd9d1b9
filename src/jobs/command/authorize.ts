import { PREVIEW_ENVIRONMENT_PATTERN } from "../../model/environment-name";
import { getPermission, permissionAtLeast, type Permission } from "../../github/get-permission";
import { environmentSettings, type CommandAnswer, type CommandContext } from "./command-context";
import { refuse } from "./refuse";

type Needed = Exclude<Permission, "none">;

/**
 * Checks the commenter's repository permission (the collaborator permission API's role)
 * against what the command needs. A refusal is recorded in the audit trail and answered with
 * what was needed and what the user has.
 */
export async function authorize(
  command: CommandContext,
  need: Needed,
  environment: string | undefined,
): Promise<{ allowed: true; permission: Permission } | { allowed: false; answer: CommandAnswer }> {
  const { owner, repo } = command.job.repository;
  const permission = await getPermission(command.octokit, { owner, repo, username: command.job.actor });
  if (permissionAtLeast(permission, need)) return { allowed: true, permission };

  // Previews' permission is fixed (`write`); named environments say where theirs is set.
  const setting = environment && !PREVIEW_ENVIRONMENT_PATTERN.test(environment) ? ` (set by \`environments.${environment}.permission\` in .github/slipway.yml)` : "";
  const answer = await refuse(
    command,
    environment,
    `needs ${need}, has ${permission}`,
    `This needs **${need}** permission on ${owner}/${repo}${setting}; @${command.job.actor} has **${permission}**. Ask someone with ${need} access to run it.`,
  );
  return { allowed: false, answer };
}

/** {@link authorize} against the permission the configuration sets for the environment. */
export function authorizeEnvironment(command: CommandContext, environment: string) {
  return authorize(command, environmentSettings(command.config, environment).permission, environment);
}
