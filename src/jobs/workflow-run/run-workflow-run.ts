import { environmentBuild, type SlipwayConfig, type SourceConfig } from "../../config/slipway-config";
import { loadRepoConfig } from "../../config/load-repo-config";
import { listPullRequestsForHead } from "../../github/list-pull-requests-for-head";
import type { Octokit } from "../../github/octokit";
import { pullRequestChangesFile } from "../../github/pull-request-changes-file";
import type { JobPayload } from "../../model/job-record";
import { isRunOfWorkflow } from "../../model/workflow-file";
import { reportPreviewRefused } from "../../deploy/preview/deploy-preview";
import type { JobContext, JobOutcome } from "../job-context";
import type { WorkflowRunJob } from "./workflow-run-job";

function buildsFrom(source: SourceConfig, job: WorkflowRunJob): boolean {
  return source.artifact !== undefined && isRunOfWorkflow(job.workflowPath, source.artifact.workflow);
}

/** The environments a push to the run's branch deploys from this workflow's artifact (those the repository's workflow deploys need no artifact). */
function branchEnvironments(config: SlipwayConfig, job: WorkflowRunJob): string[] {
  if (job.fork || job.headBranch === undefined) return [];
  return Object.entries(config.environments)
    .filter(([name, settings]) => settings.branch === job.headBranch && settings.deployer !== "workflow" && buildsFrom(environmentBuild(config, name).source, job))
    .map(([name]) => name);
}

/**
 * A workflow run completed; if it is the run `source.artifact` waits for, the deploys waiting
 * on it go ahead (its failure fails them, with its link):
 * 1. the configuration (the default branch's for a fork's run, as for its preview) names the
 *    workflow; runs of any other workflow file change nothing;
 * 2. the pull requests whose head is the run's commit: those GitHub linked, or, for a fork's
 *    run (GitHub links none), the open ones from `owner:branch` at that commit;
 * 3. a fork's pull request that changes the workflow file itself is not trusted: what the run
 *    uploaded is the fork's to decide;
 * 4. a preview job per pull request still at that commit (forks still wait for approval there),
 *    and a push job for the branch when environments deploy from it.
 */
export async function runWorkflowRun(job: WorkflowRunJob, ctx: JobContext): Promise<JobOutcome> {
  const { owner, repo } = job.repository;
  const octokit = await ctx.github(job.repository.installationId);
  const loaded = await loadRepoConfig(octokit, { owner, repo, ref: job.fork ? undefined : job.headSha });
  if (!loaded.ok) return { state: "succeeded", result: "invalid .github/slipway.yml: the deploys report it" };
  const { config } = loaded;

  const jobs: JobPayload[] = [];
  const notes: string[] = [];
  if (config.preview.enabled && buildsFrom(config.preview.source, job)) {
    for (const pullNumber of await pullNumbersOf(octokit, job)) {
      const preview = await previewJobFor(ctx, octokit, job, pullNumber);
      if (typeof preview === "string") notes.push(preview);
      else jobs.push(preview);
    }
  }
  const branchJob = await pushJobFor(ctx, job, branchEnvironments(config, job));
  if (branchJob) jobs.push(branchJob);

  if (jobs.length === 0 && notes.length === 0) return { state: "succeeded", result: `${job.workflowPath} at ${job.headSha.slice(0, 7)} deploys nothing` };
  await ctx.submit(jobs);
  const queued = jobs.map((queuedJob) => (queuedJob.kind === "preview" ? `preview of #${String(queuedJob.pullNumber)}` : `push to ${String(queuedJob.branch)}`));
  return { state: "succeeded", result: [...(queued.length ? [`queued ${queued.join(", ")}`] : []), ...notes].join("; ") };
}

async function pullNumbersOf(octokit: Octokit, job: WorkflowRunJob): Promise<number[]> {
  if (job.pullNumbers.length > 0 || job.headBranch === undefined || job.headOwner === undefined) return job.pullNumbers;
  const { owner, repo } = job.repository;
  return listPullRequestsForHead(octokit, { owner, repo, headOwner: job.headOwner, headBranch: job.headBranch, sha: job.headSha });
}

/** The preview job the run resumes, or why there is none. */
async function previewJobFor(ctx: JobContext, octokit: Octokit, job: WorkflowRunJob, pullNumber: number): Promise<JobPayload | string> {
  const { owner, repo } = job.repository;
  const head = await ctx.stores.pullRequests.get(owner, repo, pullNumber);
  if (head && (head.headSha !== job.headSha || head.state === "closed")) return `#${pullNumber} moved on to ${head.headSha.slice(0, 7)} (${head.state})`;
  if (job.fork && (await pullRequestChangesFile(octokit, { owner, repo, pullNumber, path: job.workflowPath }))) {
    // The preview waiting for this run would wait for ever: it says why instead.
    await reportPreviewRefused(ctx, octokit, { repository: job.repository, pullNumber, headSha: job.headSha }, untrustedRun(job.workflowPath));
    return `#${pullNumber} comes from a fork and changes ${job.workflowPath}: its run is not trusted`;
  }
  return {
    kind: "preview",
    repository: job.repository,
    pullNumber,
    headSha: job.headSha,
    headRef: job.headBranch ?? job.headSha,
    fork: job.fork,
    actor: job.actor,
    // The pull request's own event orders the preview against later pushes.
    eventAt: head?.eventAt ?? job.eventAt,
    ...(head ? { sequence: head.sequence } : {}),
    workflowRunId: job.runId,
    runAttempt: job.runAttempt,
  };
}

/** The push job the run resumes when the branch is still at the run's commit. */
async function pushJobFor(ctx: JobContext, job: WorkflowRunJob, environments: string[]): Promise<JobPayload | undefined> {
  if (environments.length === 0 || job.headBranch === undefined) return undefined;
  const { owner, repo } = job.repository;
  const head = await ctx.stores.branches.get(owner, repo, job.headBranch);
  if (!head || head.headSha !== job.headSha) return undefined;
  return {
    kind: "push",
    repository: job.repository,
    branch: job.headBranch,
    headSha: job.headSha,
    pusher: job.actor,
    compareUrl: job.htmlUrl,
    eventAt: head.eventAt,
    sequence: head.sequence,
    workflowRunId: job.runId,
    runAttempt: job.runAttempt,
  };
}

function untrustedRun(workflowPath: string): string {
  return `This pull request comes from a fork and changes \`${workflowPath}\`, the workflow whose artifact the preview serves, so its run is not trusted and nothing was deployed. A maintainer can review the workflow change; a branch of this repository gets its preview as usual.`;
}
