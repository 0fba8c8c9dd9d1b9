import { loadRepoConfig } from "../../config/load-repo-config";
import { knownObjects } from "../../github/known-objects";
import { EnvironmentBusyError } from "../../deploy/environment-busy-error";
import { deployPreview, reportPreviewGaveUp } from "../../deploy/preview/deploy-preview";
import { previewEnvironment } from "../../model/environment-name";
import { isOvertaken } from "../../model/newest-head";
import { reportConfigProblems } from "../../report/report-config-problems";
import type { JobContext, JobOutcome } from "../job-context";
import type { PreviewJob } from "./preview-job";

/**
 * The preview of one pull request commit:
 * 1. skip it if a newer commit of the pull request has arrived (no GitHub call at all);
 * 2. load and validate `.github/slipway.yml` — a fork's own copy never decides about the fork;
 *    a bad file is reported on `Slipway / config` and nothing else happens;
 * 3. the preview itself: gates, then the deploy pipeline (see `deployPreview`).
 */
export async function runPreview(job: PreviewJob, ctx: JobContext): Promise<JobOutcome> {
  const { owner, repo } = job.repository;
  const head = await ctx.stores.pullRequests.get(owner, repo, job.pullNumber);
  if (head && isOvertaken(head, job)) {
    return { state: "superseded", result: `pull request moved on to ${head.headSha.slice(0, 7)} (${head.state})` };
  }

  const octokit = await ctx.github(job.repository.installationId);
  const loaded = await loadRepoConfig(octokit, { owner, repo, ref: job.fork ? undefined : job.headSha });
  if (!loaded.ok) {
    await reportConfigProblems(octokit, { owner, repo, headSha: job.headSha }, loaded.problems, knownObjects(ctx.stores.githubObjects, owner, repo, ctx.now));
    return { state: "failed", result: `invalid .github/slipway.yml (${loaded.problems.length} problem(s))` };
  }

  const result = await deployPreview(ctx, octokit, job, loaded.config.preview);
  const environment = previewEnvironment(job.pullNumber);
  switch (result.outcome) {
    case "not built":
      return { state: "succeeded", result: result.reason };
    case "waiting":
      // The run's completion (its workflow_run event) queues the preview again.
      return { state: "succeeded", result: result.reason };
    case "busy":
      throw new EnvironmentBusyError(`${environment} was being deployed by another job`);
    case "superseded":
      return { state: "superseded", result: `newer commit ${result.currentSha.slice(0, 7)} already live` };
    case "failed":
      return { state: "failed", result: result.reason };
    case "deployed":
      return { state: "succeeded", result: `${environment} serves ${job.headSha.slice(0, 7)}` };
  }
}

/** Reports a preview whose retries are exhausted, so the pull request does not wait for ever. */
export async function reportPreviewError(job: PreviewJob, ctx: JobContext, reason: string): Promise<void> {
  await reportPreviewGaveUp(ctx, await ctx.github(job.repository.installationId), job, reason);
}
