import { loadRepoConfig } from "../../config/load-repo-config";
import { reportConfigProblems } from "../report-config-problems";
import { isUserFacingError } from "../../util/user-facing-error";
import { recordAudit } from "../audit-entry";
import { replacedSha } from "../replaced-sha";
import type { PreviewJob } from "./preview-job";
import type { JobContext, JobOutcome } from "../job-context";
import { JobLog } from "../job-log";
import { ensureBuild } from "./ensure-build";
import { PreviewReport } from "./preview-report";
import { siteUrl } from "../../site/site-url";
import { logKey } from "../../blobs/blob-store";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Builds and publishes the preview of one pull request commit:
 * 1. skip it if a newer commit of the pull request has arrived;
 * 2. load and validate `.github/slipway.yml` (a bad file: report it, do nothing else);
 * 3. apply the gates: previews disabled, or a fork awaiting a maintainer's approval;
 * 4. report the start (check run, Deployment, comment);
 * 5. make sure the commit's build is stored;
 * 6. point `pr-<n>` at it, unless a newer commit got there first;
 * 7. report success, retiring the replaced Deployment.
 */
export async function runPreview(job: PreviewJob, ctx: JobContext): Promise<JobOutcome> {
  const { owner, repo } = job.repository;
  const head = await ctx.stores.pullRequests.get(owner, repo, job.pullNumber);
  if (head && head.eventAt > job.eventAt && (head.headSha !== job.headSha || head.state === "closed")) {
    return { state: "superseded", result: `pull request moved on to ${head.headSha.slice(0, 7)} (${head.state})` };
  }

  const octokit = await ctx.github(job.repository.installationId);
  // A fork's own copy of the file must not decide whether the fork gets a preview.
  const configRef = job.fork ? undefined : job.headSha;
  const loaded = await loadRepoConfig(octokit, { owner, repo, ref: configRef });
  if (!loaded.ok) {
    await reportConfigProblems(octokit, { owner, repo, headSha: job.headSha }, loaded.problems);
    return { state: "failed", result: `invalid .github/slipway.yml (${loaded.problems.length} problem(s))` };
  }
  const preview = loaded.config.preview;
  const log = new JobLog(ctx.now);
  const report = new PreviewReport(octokit, ctx.stores.environments, job, log, ctx.now);

  if (!preview.enabled) return { state: "succeeded", result: "previews are disabled in .github/slipway.yml" };
  if (job.fork && (preview.forks === "never" || (preview.forks === "approve" && !job.approvedBy))) {
    const note =
      preview.forks === "never"
        ? "Previews of pull requests from forks are turned off in this repository (`preview.forks: never`)."
        : "This pull request comes from a fork, so its preview waits for a maintainer's approval: a maintainer can comment `/preview` to build it.";
    await report.comment({ state: preview.forks === "never" ? "disabled" : "awaiting approval" }, [note]);
    await report.check({ status: "completed", conclusion: "neutral", title: "Preview not built", summary: note });
    return { state: "succeeded", result: `fork preview not built (forks: ${preview.forks})` };
  }

  // The whole log, kept beside the builds; the check run shows its tail.
  const saveLog = () => ctx.blobs.put(logKey(job.repository.repoId, report.environment, job.headSha), Buffer.from(log.text()), "text/plain; charset=utf-8");
  log.add(`Preview of ${owner}/${repo}#${job.pullNumber} at ${job.headSha} (source folder \`${preview.source.dir}\`).`);
  await report.started();
  try {
    const build = await ensureBuild(ctx, octokit, { owner, repo, sha: job.headSha, dir: preview.source.dir }, log);
    const url = siteUrl(ctx.siteBaseUrl, owner, repo, report.environment);
    const now = ctx.now();
    const pointed = await ctx.stores.environments.point({
      installationId: job.repository.installationId,
      repoId: job.repository.repoId,
      owner,
      repo,
      name: report.environment,
      state: "active",
      sha: job.headSha,
      buildKey: build.buildKey,
      spa: preview.spa,
      sourceAt: job.eventAt,
      deploymentId: await report.deployment(),
      pullNumber: job.pullNumber,
      url,
      expiresAt: new Date(now.getTime() + preview.ttl_days * DAY_MS).toISOString(),
      updatedAt: now.toISOString(),
    });
    if (!pointed.applied) {
      log.add(`A newer commit (${pointed.current.sha.slice(0, 7)}) is already live; not replacing it.`);
      await report.superseded();
      return { state: "superseded", result: `newer commit ${pointed.current.sha.slice(0, 7)} already live` };
    }
    log.add(`${report.environment} now serves ${job.headSha.slice(0, 7)}: ${url}`);
    await saveLog();
    const previous = pointed.previous?.state === "active" ? pointed.previous.deploymentId : undefined;
    await recordAudit(ctx, {
      owner,
      repo,
      environment: report.environment,
      action: "preview",
      actor: job.approvedBy ?? job.actor ?? "slipway",
      trigger: job.approvedBy ? "/preview" : `pull request #${job.pullNumber}`,
      sha: job.headSha,
      previousSha: replacedSha(pointed.previous, job.headSha),
      buildKey: build.buildKey,
      result: "success",
    });
    const summary = `Built \`${job.headSha.slice(0, 7)}\`: ${build.files} files${build.reused ? " (reused the stored build)" : ""}.`;
    await report.succeeded(url, previous, summary);
    return { state: "succeeded", result: `${report.environment} serves ${job.headSha.slice(0, 7)}` };
  } catch (error) {
    if (!isUserFacingError(error)) throw error;
    log.add(`Failed: ${error.message}`);
    await saveLog();
    await report.failed(error.message, "failure");
    return { state: "failed", result: error.message };
  }
}

/** Reports a preview whose retries are exhausted, so the pull request does not wait forever. */
export async function reportPreviewError(job: PreviewJob, ctx: JobContext, reason: string): Promise<void> {
  const octokit = await ctx.github(job.repository.installationId);
  const log = new JobLog(ctx.now);
  log.add(`Gave up after ${ctx.maxAttempts} attempts: ${reason}`);
  await new PreviewReport(octokit, ctx.stores.environments, job, log, ctx.now).failed(`${reason} (gave up after ${ctx.maxAttempts} attempts; push again or close and reopen the pull request to retry)`, "error");
}
