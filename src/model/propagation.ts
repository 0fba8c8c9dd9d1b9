import { z } from "zod";

const isoTime = z.iso.datetime({ offset: true });

/** A repository that depends on the propagated package, as the campaign found it. */
export const ConsumerSchema = z.object({
  repoId: z.number().int().positive(),
  owner: z.string().min(1),
  repo: z.string().min(1),
  defaultBranch: z.string().min(1),
  /** The dependency's range in the consumer's root package.json when the campaign read it. */
  range: z.string().min(1),
});
export type Consumer = z.infer<typeof ConsumerSchema>;

/**
 * One release carried to its consumers: the source repository's release of `version`, the
 * commit its check run `Slipway / propagate` sits on, and the consumers in the order they are
 * upgraded.
 */
export const CampaignRecordSchema = z.object({
  installationId: z.number().int().positive(),
  repoId: z.number().int().positive(),
  owner: z.string().min(1),
  repo: z.string().min(1),
  version: z.string().min(1),
  packageName: z.string().min(1),
  /** The release's tag and the commit it names. */
  tag: z.string().min(1),
  headSha: z.string().min(1),
  releaseUrl: z.string().min(1),
  consumers: z.array(ConsumerSchema),
  createdAt: isoTime,
});
export type CampaignRecord = z.infer<typeof CampaignRecordSchema>;

export const CONSUMER_STATES = ["pending", "opened", "updated", "up-to-date", "merged", "closed", "failed"] as const;
export type ConsumerState = (typeof CONSUMER_STATES)[number];

/** One consumer's line on the campaign's check run. */
export const CampaignRowSchema = z.object({
  /** `owner/repo` of the consumer. */
  consumer: z.string().min(1),
  state: z.enum(CONSUMER_STATES),
  from: z.string().min(1),
  to: z.string().min(1),
  pullNumber: z.number().int().positive().optional(),
  pullUrl: z.string().min(1).optional(),
  /** Why it failed, or what else the reader should know (a lockfile left alone). */
  detail: z.string().optional(),
  updatedAt: isoTime,
});
export type CampaignRow = z.infer<typeof CampaignRowSchema>;

/**
 * A consumer's upgrade pull request for one package (its branch `slipway/<slug>`): the version
 * it carries and whether it is still open, so a merged or closed one is never reopened for the
 * same version, and a newer release edits the open one in place.
 */
export const UpgradeRecordSchema = z.object({
  owner: z.string().min(1),
  repo: z.string().min(1),
  slug: z.string().min(1),
  packageName: z.string().min(1),
  version: z.string().min(1),
  pullNumber: z.number().int().positive(),
  pullUrl: z.string().min(1),
  state: z.enum(["open", "merged", "closed"]),
  /** The campaign that last wrote it: its check run row follows the pull request. */
  source: z.object({ owner: z.string().min(1), repo: z.string().min(1), version: z.string().min(1) }),
  updatedAt: isoTime,
});
export type UpgradeRecord = z.infer<typeof UpgradeRecordSchema>;

/**
 * How far an upgrade's writes got on a consumer, for one version and one default-branch head:
 * a job put back on the queue between two writes (its installation's write budget was spent)
 * resumes after the last one made instead of writing the tree and commit again.
 */
export const UpgradeProgressSchema = z.object({
  owner: z.string().min(1),
  repo: z.string().min(1),
  slug: z.string().min(1),
  version: z.string().min(1),
  /** The default branch's head the commit is made on. */
  baseSha: z.string().min(1),
  treeSha: z.string().min(1).optional(),
  commitSha: z.string().min(1).optional(),
  /** The upgrade branch points at `commitSha`. */
  pointed: z.boolean(),
  updatedAt: isoTime,
});
export type UpgradeProgress = z.infer<typeof UpgradeProgressSchema>;
