import semver from "semver";
import { recordAudit } from "../../audit/record-audit";
import { addLabels } from "../../github/add-labels";
import { getBranchTip } from "../../github/get-branch-tip";
import { readRepoFile } from "../../github/read-repo-file";
import { upsertPullRequest } from "../../github/upsert-pull-request";
import type { CampaignRecord, CampaignRow, Consumer } from "../../model/propagation";
import type { JobContext, JobOutcome } from "../job-context";
import { bumpRange, rangeVersion, UnsupportedRangeError } from "./bump-range";
import { dependencyRange } from "./dependency-range";
import { loadPropagation } from "./load-propagation";
import { packageSlug, upgradeBranch } from "./package-slug";
import type { UpgradeJob } from "./propagate-jobs";
import { pullRequestBody } from "./pull-request-body";
import { requestCampaignReport, writeCampaignCheck } from "./report-campaign";
import { UPGRADES_IN_FLIGHT } from "./run-propagate";
import { LockfileUpdateError } from "./update-lockfile";
import { upgradedFiles } from "./upgraded-files";
import { UpgradeRefusedError } from "./upgrade-refused-error";
import { writeUpgradeBranch } from "./write-upgrade-branch";

/**
 * One consumer of a campaign:
 * 1. a merged or closed upgrade pull request of this version is left as it is;
 * 2. package.json at the default branch's head: already at the version → nothing;
 * 3. the range bumped keeping its operator, package-lock.json updated, `files` copied;
 * 4. one commit (tree + commit), the branch `slipway/<slug>` created or force-updated, the pull
 *    request opened or edited in place: 4 writes (labels on a new one make a 5th);
 * 5. its row, the audit trail, the campaign's check run (coalesced), and the next consumer.
 */
export async function runUpgrade(job: UpgradeJob, ctx: JobContext): Promise<JobOutcome> {
  const campaign = await ctx.stores.campaigns.get(job.repository.owner, job.repository.repo, job.version);
  const consumer = campaign?.consumers[job.index];
  if (!campaign || !consumer) return { state: "failed", result: `the campaign of ${job.version} has no consumer ${job.index}` };
  const name = `${consumer.owner}/${consumer.repo}`;
  const to = campaign.version;
  let row: CampaignRow;
  try {
    row = await upgrade(ctx, campaign, consumer);
  } catch (error) {
    if (!(error instanceof UpgradeRefusedError || error instanceof UnsupportedRangeError || error instanceof LockfileUpdateError)) throw error;
    row = { consumer: name, state: "failed", from: consumer.range, to, detail: error.message, updatedAt: ctx.now().toISOString() };
    await auditUpgrade(ctx, campaign, consumer, { result: "failure", detail: `${campaign.packageName} ${consumer.range} → ${to}: ${error.message}`, link: campaign.releaseUrl });
  }
  await finish(ctx, job, campaign, row);
  return { state: row.state === "failed" ? "failed" : "succeeded", result: `${name}: ${row.state}${row.detail ? ` (${row.detail})` : ""}` };
}

async function upgrade(ctx: JobContext, campaign: CampaignRecord, consumer: Consumer): Promise<CampaignRow> {
  const name = `${consumer.owner}/${consumer.repo}`;
  const now = () => ctx.now().toISOString();
  const slug = packageSlug(campaign.packageName);
  const known = await ctx.stores.upgrades.get(consumer.owner, consumer.repo, slug);
  const pullOf = (record: { pullNumber: number; pullUrl: string }) => ({ pullNumber: record.pullNumber, pullUrl: record.pullUrl });
  if (known && known.version === campaign.version && known.state !== "open") {
    return { consumer: name, state: known.state, from: consumer.range, to: campaign.version, ...pullOf(known), updatedAt: now() };
  }

  const octokit = await ctx.github(campaign.installationId);
  const loaded = await loadPropagation(ctx, octokit, { owner: campaign.owner, repo: campaign.repo, tag: campaign.tag });
  if (loaded.ok !== true) throw new UpgradeRefusedError(`propagate: of ${campaign.owner}/${campaign.repo} at ${campaign.tag} could not be read`);
  const { propagation } = loaded;

  const tip = await getBranchTip(octokit, { owner: consumer.owner, repo: consumer.repo, branch: consumer.defaultBranch });
  const manifest = await readRepoFile(octokit, { owner: consumer.owner, repo: consumer.repo, path: "package.json", ref: tip.sha });
  const from = manifest ? dependencyRange(manifest.text, campaign.packageName) : undefined;
  if (!manifest || from === undefined) throw new UpgradeRefusedError(`package.json on ${consumer.defaultBranch} no longer depends on ${campaign.packageName}`);
  const current = rangeVersion(from);
  if (current !== undefined && semver.valid(current) && semver.gte(current, campaign.version)) {
    return { consumer: name, state: "up-to-date", from, to: from, updatedAt: now() };
  }
  const range = bumpRange(from, campaign.version);

  const { files, notes } = await upgradedFiles(octokit, campaign, consumer, propagation, { text: manifest.text, from, range, ref: tip.sha });
  const branch = upgradeBranch(campaign.packageName);
  const title = `Upgrade ${campaign.packageName} from ${from} to ${range}`;
  const sha = await writeUpgradeBranch(ctx, octokit, consumer, { slug, version: campaign.version, tip, branch, files, message: `${title}\n\nRelease notes: ${campaign.releaseUrl}` });
  const pull = await upsertPullRequest(octokit, {
    owner: consumer.owner,
    repo: consumer.repo,
    head: branch,
    base: consumer.defaultBranch,
    title,
    body: pullRequestBody(campaign, from, range, [...files.keys()], notes),
    ...(known?.state === "open" ? { known: known.pullNumber } : {}),
  });
  if (pull.outcome === "opened" && propagation.config.labels.length > 0) {
    await addLabels(octokit, { owner: consumer.owner, repo: consumer.repo, number: pull.number, labels: propagation.config.labels });
  }

  await ctx.stores.upgrades.put({
    owner: consumer.owner,
    repo: consumer.repo,
    slug,
    packageName: campaign.packageName,
    version: campaign.version,
    pullNumber: pull.number,
    pullUrl: pull.url,
    state: "open",
    source: { owner: campaign.owner, repo: campaign.repo, version: campaign.version },
    updatedAt: now(),
  });
  await auditUpgrade(ctx, campaign, consumer, { sha, result: "success", detail: `${campaign.packageName} ${from} → ${range}: pull request #${pull.number} ${pull.outcome}`, link: pull.url });
  return { consumer: name, state: pull.outcome, from, to: range, pullNumber: pull.number, pullUrl: pull.url, ...(notes.length > 0 ? { detail: notes.join("; ") } : {}), updatedAt: now() };
}

/** One consumer's upgrade in its repository's audit trail, made by Slipway for the source's release. */
function auditUpgrade(
  ctx: JobContext,
  campaign: CampaignRecord,
  consumer: Consumer,
  outcome: { sha?: string; result: "success" | "failure"; detail: string; link: string },
): Promise<void> {
  return recordAudit(ctx, {
    owner: consumer.owner,
    repo: consumer.repo,
    action: "upgrade",
    actor: "slipway",
    trigger: `release ${campaign.tag} of ${campaign.owner}/${campaign.repo}`,
    ...outcome,
  });
}

/** Records the row, asks for the check run, and starts the consumer that waited for this slot. */
async function finish(ctx: JobContext, job: UpgradeJob, campaign: CampaignRecord, row: CampaignRow): Promise<void> {
  await ctx.stores.campaigns.setRow(campaign.owner, campaign.repo, campaign.version, row);
  const next = job.index + UPGRADES_IN_FLIGHT;
  const consumer = campaign.consumers[next];
  if (consumer) {
    await ctx.submit([{ kind: "propagate-upgrade", repository: job.repository, version: job.version, index: next, consumerRepoId: consumer.repoId } satisfies UpgradeJob]);
    await requestCampaignReport(ctx, job.repository, job.version);
    return;
  }
  // One of the last upgrades: whichever ends the campaign completes its check run at once rather
  // than at the end of its window (each writes its row before reading them all, so one sees all).
  const rows = await ctx.stores.campaigns.rows(campaign.owner, campaign.repo, campaign.version);
  const done = new Set(rows.filter((found) => found.state !== "pending").map((found) => found.consumer.toLowerCase()));
  if (campaign.consumers.every((each) => done.has(`${each.owner}/${each.repo}`.toLowerCase()))) await writeCampaignCheck(ctx, job.repository, job.version);
  else await requestCampaignReport(ctx, job.repository, job.version);
}

/** A consumer Slipway gave up on: its row says why, and the next consumer still gets its turn. */
export async function reportUpgradeGaveUp(job: UpgradeJob, ctx: JobContext, reason: string): Promise<void> {
  const campaign = await ctx.stores.campaigns.get(job.repository.owner, job.repository.repo, job.version);
  const consumer = campaign?.consumers[job.index];
  if (!campaign || !consumer) return;
  await finish(ctx, job, campaign, { consumer: `${consumer.owner}/${consumer.repo}`, state: "failed", from: consumer.range, to: campaign.version, detail: `gave up after ${ctx.maxAttempts} attempts: ${reason}`, updatedAt: ctx.now().toISOString() });
}
