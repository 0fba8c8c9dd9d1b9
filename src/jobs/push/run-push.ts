import { isOvertaken } from "../../model/newest-head";
import { EnvironmentBusyError } from "../../deploy/environment-busy-error";
import { environmentBuild } from "../../config/slipway-config";
import { loadRepoConfig } from "../../config/load-repo-config";
import { knownObjects } from "../../github/known-objects";
import { upsertCheckRun } from "../../github/upsert-check-run";
import { recordAudit } from "../../audit/record-audit";
import type { PushJob } from "./push-job";
import type { JobContext, JobOutcome } from "../job-context";
import type { Octokit } from "../../github/octokit";
import { deployEnvironment, type DeployResult } from "../../deploy/deploy-environment";
import { handOffDeploy } from "../../deploy/hand-off-deploy";
import { lockAgainst, lockedMessage } from "../../deploy/lock-guard";
import { reportConfigProblems } from "../../report/report-config-problems";

export const DEPLOY_CHECK = "Slipway / deploy";

function describe(environment: string, result: DeployResult | { outcome: "locked"; message: string }): string {
  switch (result.outcome) {
    case "waiting":
      return `- **${environment}**: waiting for ${result.workflow}${result.runUrl ? ` (${result.runUrl})` : ""}; it deploys once the run succeeds`;
    case "deployed":
      return `- **${environment}**: deployed, ${result.url}${result.previousSha ? ` (replaced \`${result.previousSha.slice(0, 7)}\`)` : ""}`;
    case "busy":
      return `- **${environment}**: another deploy was running; this push is retried`;
    case "superseded":
      return `- **${environment}**: a later deploy (\`${result.currentSha.slice(0, 7)}\`) already won`;
    case "failed":
      return `- **${environment}**: failed: ${result.reason}`;
    case "locked":
      return `- **${environment}**: not deployed: ${result.message}`;
  }
}

/**
 * A push to a branch deploys every environment configured with that `branch`:
 * 1. a push overtaken by a newer one on the same branch is skipped, not built;
 * 2. the configuration at the pushed commit names the environments;
 * 3. each is deployed (unless locked by someone else) with its GitHub Deployment;
 * 4. the `Slipway / deploy` check run on the commit sums it up.
 */
export async function runPush(job: PushJob, ctx: JobContext): Promise<JobOutcome> {
  const { owner, repo } = job.repository;
  const head = await ctx.stores.branches.get(owner, repo, job.branch);
  if (head && isOvertaken(head, job)) {
    return { state: "superseded", result: `${job.branch} moved on to ${head.headSha.slice(0, 7)}` };
  }

  const octokit = await ctx.github(job.repository.installationId);
  const loaded = await loadRepoConfig(octokit, { owner, repo, ref: job.headSha });
  if (!loaded.ok) {
    await reportConfigProblems(octokit, { owner, repo, headSha: job.headSha }, loaded.problems, knownObjects(ctx.stores.githubObjects, owner, repo, ctx.now));
    return { state: "failed", result: "invalid .github/slipway.yml" };
  }
  // A run's completion resumes only the environments that wait for its workflow's artifact (not those the repository's workflow deploys).
  const waitsForArtifact = (name: string) => environmentBuild(loaded.config, name).source.artifact !== undefined && loaded.config.environments[name]?.deployer !== "workflow";
  const targets = Object.entries(loaded.config.environments).filter(([name, settings]) => settings.branch === job.branch && (job.workflowRunId === undefined || waitsForArtifact(name)));
  if (targets.length === 0) return { state: "succeeded", result: `no environment deploys from ${job.branch}` };

  const lines: string[] = [];
  let allDeployed = true;
  let busy = false;
  const waitingFor = new Set<string>();
  const handedOff: string[] = [];
  for (const [environment] of targets) {
    const lock = await lockAgainst(ctx, owner, repo, environment, job.pusher);
    if (lock) {
      await recordAudit(ctx, { owner, repo, environment, action: "refusal", actor: job.pusher, trigger: `push to ${job.branch}`, sha: job.headSha, result: "refused", detail: `locked by ${lock.holder}`, link: job.compareUrl });
      lines.push(describe(environment, { outcome: "locked", message: lockedMessage(lock) }));
      allDeployed = false;
      continue;
    }
    if (loaded.config.environments[environment]?.deployer === "workflow") {
      const handed = await handOffDeploy(ctx, octokit, { repository: job.repository, environment, sha: job.headSha, action: "deploy", actor: job.pusher, trigger: `push to ${job.branch}`, link: job.compareUrl });
      busy ||= handed.outcome === "busy";
      if (handed.outcome === "handed off") handedOff.push(environment);
      lines.push(handed.outcome === "busy" ? describe(environment, handed) : `- **${environment}**: handed to the deploy workflow (GitHub Deployment ${handed.deploymentId})`);
      continue;
    }
    const result = await deployEnvironment(ctx, octokit, {
      repository: job.repository,
      environment,
      sha: job.headSha,
      ...environmentBuild(loaded.config, environment),
      action: "deploy",
      actor: job.pusher,
      trigger: `push to ${job.branch}`,
      link: job.compareUrl,
      sourceAt: job.eventAt,
      workflowRunId: job.workflowRunId,
      overtakenBy: async () => {
        const newest = await ctx.stores.branches.get(owner, repo, job.branch);
        return newest && isOvertaken(newest, job) ? newest.headSha : undefined;
      },
    });
    lines.push(describe(environment, result));
    busy ||= result.outcome === "busy";
    if (result.outcome === "waiting") {
      waitingFor.add(result.workflow);
      continue;
    }
    allDeployed &&= result.outcome === "deployed" || result.outcome === "superseded";
  }
  // A push must not be lost to a deploy that happened to hold the environment: the queue
  // delivers it again after its back-off (deploys already done are idempotent).
  if (busy) throw new EnvironmentBusyError(`an environment deployed from ${job.branch} was busy: ${lines.join("; ")}`);

  if (waitingFor.size > 0 && allDeployed) {
    // The run's completion queues the push again for these environments, and completes the check.
    const workflows = [...waitingFor].join(", ");
    await deployCheck(octokit, ctx, job, "waiting", `Waiting for ${workflows}`, lines.join("\n"));
    return { state: "succeeded", result: lines.join("; ") };
  }
  await deployCheck(octokit, ctx, job, allDeployed, allDeployed ? deployedTitle(targets.map(([name]) => name), handedOff) : "Not every environment was deployed", lines.join("\n"));
  return { state: allDeployed ? "succeeded" : "failed", result: lines.join("; ") };
}

/** What the check run says when every environment went: deployed by Slipway, or handed to the deploy workflow. */
function deployedTitle(environments: string[], handedOff: string[]): string {
  const deployed = environments.filter((name) => !handedOff.includes(name));
  return [deployed.length > 0 ? `Deployed ${deployed.join(", ")}` : "", handedOff.length > 0 ? `Handed ${handedOff.join(", ")} to the deploy workflow` : ""].filter(Boolean).join("; ");
}

function deployCheck(octokit: Octokit, ctx: JobContext, job: PushJob, success: boolean | "waiting", title: string, details: string) {
  return upsertCheckRun(octokit, {
    owner: job.repository.owner,
    repo: job.repository.repo,
    headSha: job.headSha,
    name: DEPLOY_CHECK,
    ...(success === "waiting" ? { status: "queued" as const } : { status: "completed" as const, conclusion: success ? ("success" as const) : ("failure" as const) }),
    title,
    summary: `Push to \`${job.branch}\` by @${job.pusher}:\n\n${details}`,
  }, knownObjects(ctx.stores.githubObjects, job.repository.owner, job.repository.repo, ctx.now));
}

/** Fails the push's deploy check run once its retries are exhausted, saying why. */
export async function reportPushError(job: PushJob, ctx: JobContext, reason: string): Promise<void> {
  const octokit = await ctx.github(job.repository.installationId);
  await deployCheck(octokit, ctx, job, false, "Slipway could not finish the deploy", `Gave up after ${ctx.maxAttempts} attempts: ${reason}. Push again to retry.`);
}
