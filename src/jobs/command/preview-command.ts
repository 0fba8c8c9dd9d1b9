import { getPullRequest } from "../../github/get-pull-request";
import { previewEnvironment } from "../../model/environment-name";
import { runPreview } from "../preview/run-preview";
import { runTeardown } from "../teardown/run-teardown";
import { authorize } from "./authorize";
import type { CommandAnswer, CommandContext } from "./command-context";

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

  const outcome = await runPreview(
    { kind: "preview", repository: job.repository, pullNumber: job.pullNumber, headSha: pull.headSha, headRef: pull.headRef, fork: pull.fork, approvedBy: job.actor, eventAt: job.eventAt },
    ctx,
  );
  const short = pull.headSha.slice(0, 7);
  if (outcome.state === "succeeded") return { ok: true, body: `The preview of \`${short}\` is ready; the link is in the table above.` };
  return { ok: false, body: `The preview of \`${short}\` was not built: ${outcome.result}.` };
}

/** `/preview destroy`: removes the preview now; a push (or `/preview`) builds it again. */
export async function previewDestroyCommand(command: CommandContext): Promise<CommandAnswer> {
  const { ctx, job } = command;
  const auth = await authorize(command, "write", previewEnvironment(job.pullNumber));
  if (!auth.allowed) return auth.answer;
  const outcome = await runTeardown({ kind: "teardown", repository: job.repository, pullNumber: job.pullNumber, reason: "command", actor: job.actor, eventAt: job.eventAt }, ctx);
  return outcome.result.startsWith("no live")
    ? { ok: true, body: "This pull request has no live preview; nothing to remove." }
    : { ok: true, body: "The preview was removed. Push a commit or comment `/preview` to build it again." };
}
