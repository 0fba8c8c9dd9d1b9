import { environmentBuild } from "../../config/slipway-config";
import type { AuditRecord } from "../../model/records";
import { deployEnvironment } from "../../deploy/deploy-environment";
import { authorizeEnvironment } from "./authorize";
import { canonicalCommand } from "../../slash-command/canonical-command";
import { DEFAULT_GUARDED_ENVIRONMENT, type CommandAnswer, type CommandContext } from "./command-context";
import { describeDeploy, describeHandOff } from "./describe-deploy";
import { handOffDeploy } from "../../deploy/hand-off-deploy";
import { waitForBuild } from "./wait-for-build";
import { refuseIfLocked } from "./refuse";

/** How far back `/rollback` looks for earlier deployments of an environment. */
const HISTORY = 100;

/** The commits once live in the environment, newest first, from the audit trail. */
function liveHistory(entries: AuditRecord[]): Array<AuditRecord & { sha: string }> {
  return entries.filter(
    (entry): entry is AuditRecord & { sha: string } => (entry.action === "deploy" || entry.action === "rollback") && entry.result === "success" && entry.sha !== undefined,
  );
}

/**
 * `/rollback [env] [to <sha>]`: moves the environment's pointer back to the build that was
 * live before the current one, or to the given commit's build. Nothing is downloaded or
 * rebuilt while the build is stored; one that was removed is rebuilt from the commit first.
 */
export async function rollbackCommand(command: CommandContext, requested: string | undefined, to: string | undefined): Promise<CommandAnswer> {
  const { ctx, octokit, job, config } = command;
  const { owner, repo } = job.repository;
  const environment = requested ?? DEFAULT_GUARDED_ENVIRONMENT;

  const auth = await authorizeEnvironment(command, environment);
  if (!auth.allowed) return auth.answer;
  const locked = await refuseIfLocked(command, environment);
  if (locked) return locked;

  const external = config.environments[environment]?.deployer === "workflow";
  const history = liveHistory(await ctx.stores.audit.listForEnvironment(owner, repo, environment, HISTORY));
  // Slipway serves no pointer for an environment its workflow deploys: the newest success the workflow reported is live.
  const current = external ? undefined : await ctx.stores.environments.get(owner, repo, environment);
  const live = external ? history[0] : current?.state === "active" ? current : undefined;
  const target = to ? history.find((entry) => entry.sha.startsWith(to)) : history.find((entry) => entry.sha !== live?.sha);
  if (!target) {
    const known = [...new Set(history.map((entry) => entry.sha.slice(0, 7)))].slice(0, 5);
    const body = to
      ? `\`${to}\` was never deployed to **${environment}**, so there is no build to roll back to${known.length ? ` (recent: ${known.map((sha) => `\`${sha}\``).join(", ")})` : ""}. Deploy it with \`/deploy ${environment}\` from its pull request.`
      : `**${environment}** has no earlier deployment to roll back to.`;
    return { ok: false, body };
  }
  if (live?.sha === target.sha) return { ok: true, body: `**${environment}** already serves \`${target.sha.slice(0, 7)}\`; nothing to do.` };

  if (external) {
    // The same way as a deploy: a new Deployment of the earlier commit, for the workflow to deploy.
    const handed = await handOffDeploy(ctx, octokit, {
      repository: job.repository,
      environment,
      sha: target.sha,
      action: "rollback",
      actor: job.actor,
      trigger: canonicalCommand(job.command),
      link: job.commentUrl,
      pullNumber: job.pullNumber,
      commentId: job.commentId,
    });
    return describeHandOff(handed, { environment, sha: target.sha, verb: "rollback" });
  }

  const result = await deployEnvironment(ctx, octokit, {
    repository: job.repository,
    environment,
    sha: target.sha,
    ...environmentBuild(config, environment),
    action: "rollback",
    actor: job.actor,
    trigger: canonicalCommand(job.command),
    link: job.commentUrl,
    sourceAt: job.eventAt,
    // The pull request where it was asked keeps the environment in its table, with the commit it now serves.
    pullNumber: job.pullNumber,
    buildKey: target.buildKey,
  }, { observer: { pointed: command.acknowledge, building: command.acknowledge } });
  waitForBuild(command, result);
  return describeDeploy(result, { environment, sha: target.sha, verb: "Rolled back" });
}
