import { z } from "zod";
import { RepoRefSchema } from "../../model/repo-ref";
import { defineJobShape } from "../job-kind";

/** A release of a repository with `propagate:`: finds its consumers and starts their upgrades. */
export const PropagateJobSchema = z.object({
  kind: z.literal("propagate"),
  repository: RepoRefSchema,
  tag: z.string().min(1),
  version: z.string().min(1),
  releaseUrl: z.string().min(1),
  publishedAt: z.iso.datetime({ offset: true }),
  actor: z.string().min(1),
});
export type PropagateJob = z.infer<typeof PropagateJobSchema>;

/** One consumer of a campaign: its upgrade pull request. */
export const UpgradeJobSchema = z.object({
  kind: z.literal("propagate-upgrade"),
  /** The source repository (the campaign's). */
  repository: RepoRefSchema,
  version: z.string().min(1),
  /** The consumer's position in the campaign's list. */
  index: z.number().int().min(0),
  consumerRepoId: z.number().int().positive(),
});
export type UpgradeJob = z.infer<typeof UpgradeJobSchema>;

/** Refreshes the campaign's check run once per window, however many consumers finished in it. */
export const CampaignReportJobSchema = z.object({
  kind: z.literal("propagate-report"),
  repository: RepoRefSchema,
  version: z.string().min(1),
  /** The window's end, in whole seconds since the epoch: the job waits until then. */
  windowEnd: z.number().int().positive(),
});
export type CampaignReportJob = z.infer<typeof CampaignReportJobSchema>;

/** An upgrade pull request (branch `slipway/…`) was merged or closed. */
export const UpgradeClosedJobSchema = z.object({
  kind: z.literal("propagate-closed"),
  /** The consumer repository. */
  repository: RepoRefSchema,
  pullNumber: z.number().int().positive(),
  branch: z.string().min(1),
  merged: z.boolean(),
  eventAt: z.iso.datetime({ offset: true }),
});
export type UpgradeClosedJob = z.infer<typeof UpgradeClosedJobSchema>;

/** A release of a design system: finds its consumers and starts their upgrades. */
export const propagateShape = defineJobShape({
  kind: "propagate",
  schema: PropagateJobSchema,
  identity: (job) => [job.repository.repoId, job.version],
  group: (job) => `${job.repository.repoId}-propagate`,
});

/** One consumer's upgrade; a consumer's upgrades (of any campaign) run one at a time. */
export const upgradeShape = defineJobShape({
  kind: "propagate-upgrade",
  schema: UpgradeJobSchema,
  identity: (job) => [job.repository.repoId, job.version, job.index],
  group: (job) => `${job.consumerRepoId}-upgrade`,
});

/** The campaign's check run, once per window. */
export const campaignReportShape = defineJobShape({
  kind: "propagate-report",
  schema: CampaignReportJobSchema,
  identity: (job) => [job.repository.repoId, job.version, job.windowEnd],
  group: (job) => `${job.repository.repoId}-propagate-report-${job.windowEnd}`,
});

/** An upgrade pull request merged or closed. */
export const upgradeClosedShape = defineJobShape({
  kind: "propagate-closed",
  schema: UpgradeClosedJobSchema,
  identity: (job) => [job.repository.repoId, job.pullNumber, job.merged ? "merged" : "closed", job.eventAt],
  group: (job) => `${job.repository.repoId}-upgrade`,
});
