import { helpText, invalidCommandReply } from "../../slash-command/usage";
import { addReaction } from "../../github/add-reaction";
import type { KnownObjects } from "../../github/create-once";
import { knownObjects } from "../../github/known-objects";
import { loadRepoConfig } from "../../config/load-repo-config";
import { replyToComment } from "../../github/reply-to-comment";
import { updatePullRequestComment } from "../../report/update-pull-request-comment";
import type { CommandJob } from "./command-job";
import type { JobContext, JobOutcome } from "../job-context";
import type { Octokit } from "../../github/octokit";
import { canonicalCommand } from "../../slash-command/canonical-command";
import { defaultDeployEnvironment, type CommandAnswer, type CommandContext } from "./command-context";
import { deployCommand } from "./deploy-command";
import { lockCommand, unlockCommand } from "./lock-command";
import { previewCommand, previewDestroyCommand } from "./preview-command";
import { rollbackCommand } from "./rollback-command";
import { previewShareCommand, previewUnshareCommand } from "./share-command";
import { statusCommand } from "./status-command";

/** Commands whose environment moves before Slipway reacts, answers or tells GitHub anything. */
const MOVES_FIRST: ReadonlySet<string> = new Set(["deploy", "rollback"]);

function answer(command: CommandContext): Promise<CommandAnswer> | CommandAnswer {
  const parsed = command.job.command;
  switch (parsed.name) {
    case "deploy":
      return deployCommand(command, parsed.environment);
    case "rollback":
      return rollbackCommand(command, parsed.environment, parsed.to);
    case "lock":
      return lockCommand(command, parsed.environment, parsed.reason);
    case "unlock":
      return unlockCommand(command, parsed.environment);
    case "preview":
      return previewCommand(command);
    case "preview-destroy":
      return previewDestroyCommand(command);
    case "preview-share":
      return previewShareCommand(command, parsed.days);
    case "preview-unshare":
      return previewUnshareCommand(command);
    case "status":
      return statusCommand(command);
    case "help":
      return {
        ok: true,
        body: helpText({
          environments: Object.entries(command.config.environments).map(([name, settings]) => ({
            name,
            permission: settings.permission,
            branch: settings.branch,
            requireChecks: settings.require_checks,
          })),
          defaultDeployEnvironment: defaultDeployEnvironment(command.config),
        }),
      };
    case "invalid":
      return { ok: false, body: invalidCommandReply(parsed) };
  }
}

/**
 * Runs a slash command:
 * 1. 👀 on the comment: Slipway has it;
 * 2. the configuration of the default branch (a pull request cannot grant itself rights);
 * 3. the command, which checks the commenter's permission itself;
 * 4. the answer as a reply, 🚀 or 😕, and the sticky comment's table when an environment moved.
 */
export async function runCommand(job: CommandJob, ctx: JobContext): Promise<JobOutcome> {
  const { owner, repo } = job.repository;
  const octokit = await ctx.github(job.repository.installationId);
  const reaction = (content: "eyes" | "rocket" | "confused") => addReaction(octokit, { owner, repo, commentId: job.commentId, content });
  let acknowledged: Promise<void> | undefined;
  const acknowledge = () => (acknowledged ??= reaction("eyes").then(() => undefined));
  // A deploy or rollback moves the environment before anything else is said on GitHub.
  if (!MOVES_FIRST.has(job.command.name)) await acknowledge();

  const loaded = await loadRepoConfig(octokit, { owner, repo });
  const result: CommandAnswer = loaded.ok
    ? await answer({ ctx, octokit, job, config: loaded.config, acknowledge })
    : {
        ok: false,
        body: `.github/slipway.yml on the default branch is invalid, so no command runs until it is fixed:\n\n${loaded.problems.map((problem) => `- \`${problem.key}\`: ${problem.message}`).join("\n")}`,
      };

  await acknowledge();
  const known = knownObjects(ctx.stores.githubObjects, owner, repo, ctx.now);
  await answerComment(octokit, job, result.body, known);
  if (result.environmentsChanged) await updatePullRequestComment(octokit, ctx.stores, { owner, repo, pullNumber: job.pullNumber }, undefined, [], known);
  if (!result.handedOff) await reaction(result.ok ? "rocket" : "confused");
  return { state: result.ok ? "succeeded" : "failed", result: `${canonicalCommand(job.command)}: ${result.body.split("\n")[0]?.slice(0, 200) ?? ""}` };
}

function answerComment(octokit: Octokit, job: CommandJob, body: string, known: KnownObjects) {
  const { owner, repo } = job.repository;
  return replyToComment(octokit, { owner, repo, issueNumber: job.pullNumber, commentId: job.commentId, quote: canonicalCommand(job.command), body }, known);
}

/** Answers a command whose retries are exhausted, so its author is not left with 👀 alone. */
export async function reportCommandError(job: CommandJob, ctx: JobContext, reason: string): Promise<void> {
  const octokit = await ctx.github(job.repository.installationId);
  const known = knownObjects(ctx.stores.githubObjects, job.repository.owner, job.repository.repo, ctx.now);
  await answerComment(octokit, job, `Slipway could not finish this command after ${ctx.maxAttempts} attempts: ${reason}. Comment it again to retry.`, known);
  await addReaction(octokit, { owner: job.repository.owner, repo: job.repository.repo, commentId: job.commentId, content: "confused" });
}
