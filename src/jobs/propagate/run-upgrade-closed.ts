import { recordAudit } from "../../audit/record-audit";
import type { JobContext, JobOutcome } from "../job-context";
import { UPGRADE_BRANCH_PREFIX } from "./package-slug";
import type { UpgradeClosedJob } from "./propagate-jobs";
import { requestCampaignReport } from "./report-campaign";

/**
 * An upgrade pull request was merged or closed: the upgrade is recorded as such (so the same
 * version is never proposed again), and its campaign's row and check run follow.
 */
export async function runUpgradeClosed(job: UpgradeClosedJob, ctx: JobContext): Promise<JobOutcome> {
  const { owner, repo } = job.repository;
  const slug = job.branch.slice(UPGRADE_BRANCH_PREFIX.length);
  const upgrade = await ctx.stores.upgrades.get(owner, repo, slug);
  if (!upgrade || upgrade.pullNumber !== job.pullNumber) return { state: "succeeded", result: `#${job.pullNumber} is not an upgrade Slipway opened` };
  const state = job.merged ? "merged" : "closed";
  await ctx.stores.upgrades.put({ ...upgrade, state, updatedAt: ctx.now().toISOString() });

  const { source } = upgrade;
  const rows = await ctx.stores.campaigns.rows(source.owner, source.repo, source.version);
  const row = rows.find((found) => found.consumer.toLowerCase() === `${owner}/${repo}`.toLowerCase());
  if (row) await ctx.stores.campaigns.setRow(source.owner, source.repo, source.version, { ...row, state, updatedAt: ctx.now().toISOString() });
  await recordAudit(ctx, {
    owner,
    repo,
    action: "upgrade",
    actor: "slipway",
    trigger: `pull request #${job.pullNumber} ${state}`,
    result: "success",
    detail: `${upgrade.packageName} ${upgrade.version}: upgrade pull request ${state}`,
    link: upgrade.pullUrl,
  });
  const campaign = await ctx.stores.campaigns.get(source.owner, source.repo, source.version);
  if (campaign) {
    await requestCampaignReport(ctx, { installationId: campaign.installationId, repoId: campaign.repoId, owner: campaign.owner, repo: campaign.repo }, source.version);
  }
  return { state: "succeeded", result: `${upgrade.packageName} ${upgrade.version} in ${owner}/${repo}: ${state}` };
}
