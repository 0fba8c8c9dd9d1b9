import { z } from "zod";

const isoTime = z.iso.datetime({ offset: true });

/**
 * An environment: a named pointer to a build. `pr-<n>` environments are previews; the site
 * server resolves `<owner>/<repo>/<name>` through this record.
 */
export const EnvironmentRecordSchema = z.object({
  installationId: z.number().int().positive(),
  repoId: z.number().int().positive(),
  owner: z.string().min(1),
  repo: z.string().min(1),
  name: z.string().min(1),
  state: z.enum(["active", "removed"]),
  /** Commit of the build served. */
  sha: z.string().min(1),
  /** Blob prefix of the build served (`builds/<owner>/<repo>/<buildKey>/`). */
  buildKey: z.string().min(1),
  /** Serve `/index.html` for paths that match no file. */
  spa: z.boolean(),
  /** Time of the event that produced this state: an older event never overwrites a newer one. */
  sourceAt: isoTime,
  /** The GitHub Deployment now live here, to mark `inactive` when replaced. */
  deploymentId: z.number().int().positive().optional(),
  /**
   * The Deployment this build replaced, while the new one is not recorded yet (a rollback moves
   * the pointer before telling GitHub): a retry still knows which one to mark `inactive`.
   */
  replacedDeploymentId: z.number().int().positive().optional(),
  pullNumber: z.number().int().positive().optional(),
  url: z.string().min(1),
  /** Previews only: when the sweeper tears this environment down unless a push comes first. */
  expiresAt: isoTime.optional(),
  /** Who deployed what is live (a login, or the pusher). */
  actor: z.string().optional(),
  /**
   * Whether the repository was private when this was deployed (`repository.private` of the
   * webhook). The site server asks for sign-in unless this is `false`: an environment recorded
   * before Slipway kept it counts as private until its next deploy records it.
   */
  private: z.boolean().optional(),
  updatedAt: isoTime,
});
export type EnvironmentRecord = z.infer<typeof EnvironmentRecordSchema>;

/** A stored build: the files of one commit (and source folder), written once, never changed. */
export const BuildRecordSchema = z.object({
  owner: z.string().min(1),
  repo: z.string().min(1),
  buildKey: z.string().min(1),
  sha: z.string().min(1),
  files: z.number().int().min(0),
  bytes: z.number().int().min(0),
  createdAt: isoTime,
});
export type BuildRecord = z.infer<typeof BuildRecordSchema>;

/** The newest head commit the webhook has seen for a pull request. */
export const PullRequestRecordSchema = z.object({
  owner: z.string().min(1),
  repo: z.string().min(1),
  pullNumber: z.number().int().positive(),
  headSha: z.string().min(1),
  state: z.enum(["open", "closed"]),
  eventAt: isoTime,
  /** When Slipway received the event (see `receiptSequence`): orders events of the same second. */
  sequence: z.number().int().min(0).default(0),
});
export type PullRequestRecord = z.output<typeof PullRequestRecordSchema>;
/** A pull request's head as an event names it, before Slipway has counted it. */
export type PullRequestHead = Omit<PullRequestRecord, "sequence">;

/** A sticky lock on an environment: while held, only its holder may deploy or roll it back. */
export const LockRecordSchema = z.object({
  owner: z.string().min(1),
  repo: z.string().min(1),
  environment: z.string().min(1),
  /** Login of the user who took the lock. */
  holder: z.string().min(1),
  reason: z.string().optional(),
  /** The comment that took it. */
  link: z.string().optional(),
  createdAt: isoTime,
});
export type LockRecord = z.infer<typeof LockRecordSchema>;

/**
 * What an audit entry records: `deploy`, `rollback`, `preview`, `teardown`, `lock`, `unlock`,
 * `refusal` (a command Slipway turned down: permission, lock, failing checks), and whatever a
 * job kind adds (`publish`, …). A word, so a new job kind needs no change here.
 */
export const AuditActionSchema = z.string().regex(/^[a-z][a-z-]*$/, "must be a lower-case word");

/**
 * One entry of the audit trail: who did what to which environment, from which commit to
 * which, and how it ended. Written for every deploy, rollback, lock, unlock, teardown and
 * refusal; `/status` and `npm run audit` read it.
 */
export const AuditRecordSchema = z.object({
  id: z.string().min(1),
  owner: z.string().min(1),
  repo: z.string().min(1),
  environment: z.string().optional(),
  action: AuditActionSchema,
  actor: z.string().min(1),
  /** `/deploy staging`, `push to main`, `pull request closed`, `sweeper`… */
  trigger: z.string().min(1),
  sha: z.string().optional(),
  previousSha: z.string().optional(),
  /** Build served after a successful deploy or rollback (rollbacks look it up). */
  buildKey: z.string().optional(),
  result: z.enum(["success", "failure", "refused", "superseded"]),
  /** Why it was refused or failed, or what it did. */
  detail: z.string().optional(),
  /** The comment or push (compare URL) behind it. */
  link: z.string().optional(),
  at: isoTime,
});
export type AuditRecord = z.infer<typeof AuditRecordSchema>;

/** The newest head commit the webhook has seen for a branch (push-to-deploy ordering). */
export const BranchRecordSchema = z.object({
  owner: z.string().min(1),
  repo: z.string().min(1),
  branch: z.string().min(1),
  headSha: z.string().min(1),
  eventAt: isoTime,
  /** When Slipway received the push (see `receiptSequence`): orders pushes of the same second. */
  sequence: z.number().int().min(0).default(0),
});
export type BranchRecord = z.output<typeof BranchRecordSchema>;
/** A branch's head as a push names it, before Slipway has counted it. */
export type BranchHead = Omit<BranchRecord, "sequence">;

/**
 * A GitHub object Slipway created (a sticky comment, a command's reply, a check run, a
 * Deployment), by its identity in the repository (`comment:pull-request:12`,
 * `check:Slipway / preview:<sha>`, …). `creating` is written before the create request: a
 * retry that finds it knows the object may exist and looks for it before creating another.
 */
export const GitHubObjectRecordSchema = z.object({
  owner: z.string().min(1),
  repo: z.string().min(1),
  key: z.string().min(1),
  state: z.enum(["creating", "created"]),
  id: z.number().int().positive().optional(),
  url: z.string().optional(),
  /** A digest of what was last written (a comment's body), so an unchanged one is not sent again. */
  digest: z.string().optional(),
  /** A check run's status when last written: a completed run is never moved back to in progress. */
  status: z.string().optional(),
  updatedAt: isoTime,
});
export type GitHubObjectRecord = z.infer<typeof GitHubObjectRecordSchema>;
