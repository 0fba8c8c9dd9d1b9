import { defineJobKind } from "../job-kind";
import { CampaignReportJobSchema, PropagateJobSchema, UpgradeClosedJobSchema, UpgradeJobSchema } from "./propagate-jobs";
import { reportPropagateGaveUp, runPropagate } from "./run-propagate";
import { reportUpgradeGaveUp, runUpgrade } from "./run-upgrade";
import { runCampaignReport } from "./report-campaign";
import { runUpgradeClosed } from "./run-upgrade-closed";

/** A release of a design system: finds its consumers and starts their upgrades. */
export const propagateKind = defineJobKind({
  kind: "propagate",
  schema: PropagateJobSchema,
  identity: (job) => [job.repository.repoId, job.version],
  group: (job) => `${job.repository.repoId}-propagate`,
  run: runPropagate,
  reportGaveUp: reportPropagateGaveUp,
});

/** One consumer's upgrade; a consumer's upgrades (of any campaign) run one at a time. */
export const upgradeKind = defineJobKind({
  kind: "propagate-upgrade",
  schema: UpgradeJobSchema,
  identity: (job) => [job.repository.repoId, job.version, job.index],
  group: (job) => `${job.consumerRepoId}-upgrade`,
  run: runUpgrade,
  reportGaveUp: reportUpgradeGaveUp,
});

/** The campaign's check run, once per window. */
export const campaignReportKind = defineJobKind({
  kind: "propagate-report",
  schema: CampaignReportJobSchema,
  identity: (job) => [job.repository.repoId, job.version, job.windowEnd],
  group: (job) => `${job.repository.repoId}-propagate-report-${job.windowEnd}`,
  run: runCampaignReport,
});

/** An upgrade pull request merged or closed. */
export const upgradeClosedKind = defineJobKind({
  kind: "propagate-closed",
  schema: UpgradeClosedJobSchema,
  identity: (job) => [job.repository.repoId, job.pullNumber, job.merged ? "merged" : "closed", job.eventAt],
  group: (job) => `${job.repository.repoId}-upgrade`,
  run: runUpgradeClosed,
});
