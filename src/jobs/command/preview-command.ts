import { getPullRequest } from "../../github/get-pull-request";
import { pullRequestChangesFile } from "../../github/pull-request-changes-file";
import { previewEnvironment } from "../../model/environment-name";
import { loadRepoConfig } from "../../config/load-repo-config";
import { deployPreview } from "../../deploy/preview/deploy-preview";
import { teardownPreview } from "../../deploy/teardown-preview";
import { authorize } from "./authorize";
import type { CommandAnswer, CommandContext } from "./command-context";
import { BUILD_WAIT_MINUTES, waitForBuild } from "./wait-for-build";

/**
 * `/preview`: (re)builds this pull request's preview at its head commit. For a fork's pull
 * request this is a maintainer's approval of that commit (`preview.forks: approve`); a later
 * push needs approving again, since its code has not been looked at.
 */
export async function previewCommand(command: CommandContext): Promise<CommandAnswer> {
  const { ctx, octokit, job, config } = command;
  const { owner, repo } = job.repository;
  const auth = await authorize(command, "write", previewEnvironment(job.pullNumber));
  if (!auth.allowed) return auth.answer;
  if (!config.preview.enabled) return { ok: false, body: "Previews are turned off in this repository (`preview.enabled: false` in .github/slipway.yml)." };
  const pull = await getPullRequest(octokit, { owner, repo, pullNumber: job.pullNumber });
  if (pull.state !== "open") return { ok: false, body: "This pull request is closed; reopen it to get a preview." };
  if (pull.fork && config.preview.forks === "never") {
    return { ok: false, body: "Previews of pull requests from forks are turned off here (`preview.forks: never`)." };
  }

  // As for a push: the pull request's own file describes its preview, unless it comes from a fork.
  const previewConfig = pull.fork ? config.preview : await loadRepoConfig(octokit, { owner, repo, ref: pull.headSha });
  if ("ok" in previewConfig && !previewConfig.ok) {
    return { ok: false, body: `\`.github/slipway.yml\` at \`${pull.headSha.slice(0, 7)}\` is invalid, so no preview was built: ${previewConfig.problems.map((problem) => `\`${problem.key}\` ${problem.message}`).join("; ")}.` };
  }
  const preview = "ok" in previewConfig ? previewConfig.config.preview : previewConfig;
  // A fork's pull_request run uses the workflow file as the fork has it: one the fork changed built what the fork chose.
  const workflowPath = preview.source.artifact && `.github/workflows/${preview.source.artifact.workflow}`;
  if (pull.fork && workflowPath && (await pullRequestChangesFile(octokit, { owner, repo, pullNumber: job.pullNumber, path: workflowPath }))) {
    return {
      ok: false,
      body: `This pull request comes from a fork and changes \`${workflowPath}\`, the workflow whose artifact the preview serves, so its build is not trusted and no preview was built. Review the workflow change, and build from a branch of this repository if it is wanted.`,
    };
  }
  const result = await deployPreview(
    ctx,
    octokit,
    { repository: job.repository, pullNumber: job.pullNumber, headSha: pull.headSha, fork: pull.fork, approvedBy: job.actor, eventAt: job.eventAt },
    preview,
  );
  waitForBuild(command, result);
  const short = pull.headSha.slice(0, 7);
  switch (result.outcome) {
    case "deployed":
      return { ok: true, body: `The preview of \`${short}\` is ready; the link is in the table above.` };
    case "busy":
      return { ok: false, body: "The preview is being built by another request right now; its link will appear in the table above." };
    case "superseded":
      return { ok: false, body: `A newer commit (\`${result.currentSha.slice(0, 7)}\`) is already previewed, so \`${short}\` was not put live.` };
    case "waiting":
      return { ok: false, body: `The preview of \`${short}\` was not built: Slipway waited ${BUILD_WAIT_MINUTES} minutes for its build and it is still not there. ${result.reason} Comment \`/preview\` again once the run has succeeded.` };
    case "failed":
    case "not built":
      return { ok: false, body: `The preview of \`${short}\` was not built: ${result.reason}.` };
  }
}

/** `/preview destroy`: removes the preview now; a push (or `/preview`) builds it again. */
export async function previewDestroyCommand(command: CommandContext): Promise<CommandAnswer> {
  const { ctx, job } = command;
  const auth = await authorize(command, "write", previewEnvironment(job.pullNumber));
  if (!auth.allowed) return auth.answer;
  const outcome = await teardownPreview(ctx, { repository: job.repository, pullNumber: job.pullNumber, reason: "command", actor: job.actor, eventAt: job.eventAt });
  return !outcome.removed
    ? { ok: true, body: "This pull request has no live preview; nothing to remove." }
    : { ok: true, body: "The preview was removed. Push a commit or comment `/preview` to build it again." };
}
