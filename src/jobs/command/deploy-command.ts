import { environmentBuild } from "../../config/slipway-config";
import { checkCommitGate } from "../../github/check-commit-gate";
import { getPullRequest } from "../../github/get-pull-request";
import { deployEnvironment } from "../../deploy/deploy-environment";
import { authorizeEnvironment } from "./authorize";
import { canonicalCommand } from "../../slash-command/canonical-command";
import { defaultDeployEnvironment, environmentSettings, type CommandAnswer, type CommandContext } from "./command-context";
import { describeDeploy, describeHandOff } from "./describe-deploy";
import { handOffDeploy } from "../../deploy/hand-off-deploy";
import { waitForBuild } from "./wait-for-build";
import { refuse, refuseIfLocked } from "./refuse";

/**
 * `/deploy [env]`: deploys the pull request's head commit.
 * 1. permission of the environment; 2. its lock; 3. the pull request is open;
 * 4. the check gate (`require_checks`); 5. the deploy.
 */
export async function deployCommand(command: CommandContext, requested: string | undefined): Promise<CommandAnswer> {
  const { ctx, octokit, job, config } = command;
  const { owner, repo } = job.repository;
  const environment = requested ?? defaultDeployEnvironment(config);
  const settings = environmentSettings(config, environment);
  const auth = await authorizeEnvironment(command, environment);
  if (!auth.allowed) return auth.answer;
  const locked = await refuseIfLocked(command, environment);
  if (locked) return locked;
  const pull = await getPullRequest(octokit, { owner, repo, pullNumber: job.pullNumber });
  if (pull.state !== "open") return refuse(command, environment, "pull request is closed", "This pull request is closed; deploy from an open pull request, or let a push to the environment's branch deploy it.");
  if (settings.require_checks) {
    const gate = await checkCommitGate(octokit, { owner, repo, sha: pull.headSha, ignore: (name) => name.startsWith("Slipway /") });
    if (!gate.ok) {
      const listed = [...gate.failing, ...gate.pending.map((name) => `${name} (not finished)`)].join(", ");
      return refuse(command, environment, `checks not green: ${listed}`, `\`${pull.headSha.slice(0, 7)}\` cannot go to **${environment}** yet: its checks are not all green (${listed}). Deploy again once they pass.`);
    }
  }

  if (config.environments[environment]?.deployer === "workflow") {
    const handed = await handOffDeploy(ctx, octokit, {
      repository: job.repository,
      environment,
      sha: pull.headSha,
      action: "deploy",
      actor: job.actor,
      trigger: canonicalCommand(job.command),
      link: job.commentUrl,
      pullNumber: job.pullNumber,
      commentId: job.commentId,
    });
    return describeHandOff(handed, { environment, sha: pull.headSha, verb: "deploy" });
  }

  const result = await deployEnvironment(ctx, octokit, {
    repository: job.repository,
    environment,
    sha: pull.headSha,
    ...environmentBuild(config, environment),
    action: "deploy",
    actor: job.actor,
    trigger: canonicalCommand(job.command),
    link: job.commentUrl,
    sourceAt: job.eventAt,
    pullNumber: job.pullNumber,
  }, { observer: { pointed: command.acknowledge, building: command.acknowledge } });
  waitForBuild(command, result);
  return describeDeploy(result, { environment, sha: pull.headSha, verb: "Deployed" });
}
