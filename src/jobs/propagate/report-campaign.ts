import { knownObjects } from "../../github/known-objects";
import { upsertCheckRun } from "../../github/upsert-check-run";
import type { RepoRef } from "../../model/repo-ref";
import { renderCampaign } from "../../report/render-campaign";
import { JobDeferredError } from "../../util/job-deferred-error";
import type { JobContext, JobOutcome, WorkerContext } from "../job-context";
import type { CampaignReportJob } from "./propagate-jobs";

export const PROPAGATE_CHECK = "Slipway / propagate";

const DEFAULT_REPORT_SECONDS = 30;

/**
 * Asks for the campaign's check run to be refreshed at the end of the current window: every
 * consumer finishing in one window shares one report job (its identity is the window), so 100
 * consumers cost a handful of check run updates, not 100.
 */
export async function requestCampaignReport(ctx: Pick<WorkerContext, "submit" | "now" | "campaignReportSeconds">, repository: RepoRef, version: string): Promise<void> {
  const seconds = ctx.campaignReportSeconds ?? DEFAULT_REPORT_SECONDS;
  const nowSeconds = ctx.now().getTime() / 1000;
  const windowEnd = Math.max(1, (Math.floor(nowSeconds / seconds) + 1) * seconds);
  await ctx.submit([{ kind: "propagate-report", repository, version, windowEnd } satisfies CampaignReportJob]);
}

/** Writes `Slipway / propagate` on the release's commit from the campaign's rows as they are now. */
export async function writeCampaignCheck(ctx: JobContext, repository: RepoRef, version: string): Promise<string> {
  const campaign = await ctx.stores.campaigns.get(repository.owner, repository.repo, version);
  if (!campaign) return `no campaign for ${version}`;
  const rows = await ctx.stores.campaigns.rows(repository.owner, repository.repo, version);
  const report = renderCampaign(campaign, rows);
  const octokit = await ctx.github(repository.installationId);
  await upsertCheckRun(
    octokit,
    {
      owner: repository.owner,
      repo: repository.repo,
      headSha: campaign.headSha,
      name: PROPAGATE_CHECK,
      title: report.title,
      summary: report.summary,
      ...(report.status === "completed" ? { status: "completed", conclusion: report.conclusion ?? "success" } : { status: "in_progress" }),
    },
    knownObjects(ctx.stores.githubObjects, repository.owner, repository.repo, ctx.now),
  );
  return report.title;
}

/** The report job: waits for its window to end, then writes the check run once. */
export async function runCampaignReport(job: CampaignReportJob, ctx: JobContext): Promise<JobOutcome> {
  const windowEnd = new Date(job.windowEnd * 1000);
  if (ctx.now() < windowEnd) throw new JobDeferredError(windowEnd, "the campaign's check run is updated once per window");
  return { state: "succeeded", result: await writeCampaignCheck(ctx, job.repository, job.version) };
}
