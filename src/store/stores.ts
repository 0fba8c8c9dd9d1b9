import type { HandedOffEnvironmentRecord } from "../model/handed-off-environment";
import type { FinalJobState, JobPayload, JobRecord, OpenDeployment } from "../model/job-record";
import type { AuditRecord, BranchRecord, GitHubObjectRecord, BuildRecord, EnvironmentRecord, LockRecord, PullRequestRecord } from "../model/records";
import type { PublishLedgerKey, PublishLedgerRecord } from "../model/publish-ledger";
import type { ShareLinkRecord } from "../model/share-link";
import type { SignInHandoff } from "../model/sign-in-handoff";
import type { SiteHostRecord } from "../model/site-host";
import type { CampaignRecord, CampaignRow, UpgradeProgress, UpgradeRecord } from "../model/propagation";

export interface JobStore {
  /** Creates the job's record unless one with this id exists; true when it created it. */
  create(job: { id: string; group: string; job: JobPayload }, now: Date): Promise<boolean>;
  get(id: string): Promise<JobRecord | undefined>;
  /**
   * Marks the job `running` and counts the attempt. Undefined when the job is missing or
   * already final: a redelivered message for finished work does nothing.
   */
  beginAttempt(id: string, now: Date): Promise<JobRecord | undefined>;
  /** Puts the job back to `queued` after a failed attempt, keeping the error. */
  release(id: string, error: string, now: Date): Promise<void>;
  /**
   * Puts a `failed` job back to `queued` with no attempts counted, for a whole new round of
   * attempts (its last error is kept until then). False, changing nothing, unless it had failed.
   */
  reopen(id: string, now: Date): Promise<boolean>;
  /** Ends the job in a final state. */
  finish(id: string, state: FinalJobState, detail: { result?: string; error?: string }, now: Date): Promise<void>;
  /**
   * Puts a running job back to `queued` until `retryAt` without counting the attempt (its
   * installation may not write to GitHub before then); the sweeper sees it as fresh until then.
   */
  defer(id: string, retryAt: Date, reason: string): Promise<void>;
  /** Remembers a GitHub Deployment the job opened, until it is settled. */
  trackDeployment(id: string, deployment: OpenDeployment): Promise<void>;
  /** Forgets it: it reached a final status (success, failure, inactive, error). */
  settleDeployment(id: string, deployment: OpenDeployment): Promise<void>;
  /** Jobs not final whose record was last updated before `before`, oldest first. */
  listStuck(before: Date, limit: number): Promise<JobRecord[]>;
}

/** Outcome of moving an environment pointer: refused when a newer event already moved it. */
export type PointResult =
  | { applied: true; previous: EnvironmentRecord | undefined }
  | { applied: false; current: EnvironmentRecord };

export interface EnvironmentStore {
  /** Looks an environment up by owner and repository name (case-insensitive) and name. */
  get(owner: string, repo: string, name: string): Promise<EnvironmentRecord | undefined>;
  /**
   * Writes the record unless the stored one has a newer `sourceAt` (one conditional write,
   * never read-then-write), returning what it replaced.
   */
  point(record: EnvironmentRecord): Promise<PointResult>;
  /**
   * Marks the environment `removed` unless an event newer than `sourceAt` changed it since;
   * returns the record as it was before, or undefined when nothing was removed.
   */
  remove(owner: string, repo: string, name: string, sourceAt: string, now: Date): Promise<EnvironmentRecord | undefined>;
  /** Active previews whose `expiresAt` is at or before `now`, soonest first. */
  listExpired(now: Date, limit: number): Promise<EnvironmentRecord[]>;
  /** Every environment of a repository (active and removed), by name. */
  list(owner: string, repo: string): Promise<EnvironmentRecord[]>;
}

/**
 * Environments the repository's own workflow deploys (`deployer: workflow`), as its statuses
 * last reported them. Apart from `EnvironmentStore`, so the site server never resolves them.
 */
export interface HandedOffEnvironmentStore {
  /** Looks an environment up by owner and repository name (case-insensitive) and name. */
  get(owner: string, repo: string, name: string): Promise<HandedOffEnvironmentRecord | undefined>;
  /**
   * Writes the record unless the stored one is of a newer status (`statusAt`, then `statusId`),
   * in one conditional write; true when written (the same status again is written again).
   */
  record(record: HandedOffEnvironmentRecord): Promise<boolean>;
  /** Every handed-off environment of a repository, by name. */
  list(owner: string, repo: string): Promise<HandedOffEnvironmentRecord[]>;
}

/**
 * Who is deploying an environment right now. A claim is one conditional write: of two
 * deploys started at once exactly one gets it; the other is told the environment is busy.
 * A claim past its `until` (a crashed worker) can be taken over.
 */
export interface DeployClaimStore {
  /** True when this job now holds the environment's claim (or already held it). */
  claim(owner: string, repo: string, environment: string, claim: { jobId: string; until: Date }, now: Date): Promise<boolean>;
  /** Gives the claim up, if this job holds it. */
  release(owner: string, repo: string, environment: string, jobId: string): Promise<void>;
}

export type AcquireResult = { acquired: true } | { acquired: false; current: LockRecord };
export type ReleaseResult = { released: true; previous: LockRecord } | { released: false; current: LockRecord | undefined };

/** Environment locks (`/lock`, `/unlock`): one per environment, taken and released by conditional writes. */
export interface LockStore {
  get(owner: string, repo: string, environment: string): Promise<LockRecord | undefined>;
  /** Takes the lock unless someone else holds it (its holder may take it again, to change the reason). */
  acquire(lock: LockRecord): Promise<AcquireResult>;
  /** Releases it if `by` holds it, or unconditionally with `force` (an admin's /unlock). */
  release(owner: string, repo: string, environment: string, by: string, force: boolean): Promise<ReleaseResult>;
  /** Every lock of a repository, by environment name. */
  list(owner: string, repo: string): Promise<LockRecord[]>;
}

/** The audit trail (SPEC: every deploy, rollback, lock and publish). Entries are never changed or expired. */
export interface AuditStore {
  /** Writes the entry; appending one with the same `id` and `at` again (a retry) keeps the first. */
  append(record: AuditRecord): Promise<void>;
  /** A repository's entries at or after `since`, oldest first (every page). */
  list(owner: string, repo: string, options?: { since?: Date }): Promise<AuditRecord[]>;
  /** The newest entries of one environment, newest first. */
  listForEnvironment(owner: string, repo: string, environment: string, limit: number): Promise<AuditRecord[]>;
}

export interface BranchStore {
  get(owner: string, repo: string, branch: string): Promise<BranchRecord | undefined>;
  /** Records the branch's head unless a newer push (`eventAt`, then `sequence`) already did; true when written. */
  record(record: BranchRecord): Promise<boolean>;
}

export interface BuildStore {
  get(owner: string, repo: string, buildKey: string): Promise<BuildRecord | undefined>;
  /** Records a finished build; a second put of the same key keeps the first (builds are immutable). */
  put(record: BuildRecord): Promise<void>;
}

export interface PullRequestStore {
  get(owner: string, repo: string, pullNumber: number): Promise<PullRequestRecord | undefined>;
  /** Records the pull request's head unless a newer event (`eventAt`, then `sequence`) already did; true when written. */
  record(record: PullRequestRecord): Promise<boolean>;
}

/** What Slipway remembers of the GitHub objects it created, so finding them again needs no listing. */
export interface GitHubObjectStore {
  get(owner: string, repo: string, key: string): Promise<GitHubObjectRecord | undefined>;
  /** Notes that the object is being created (unless it is already recorded as created). */
  markCreating(owner: string, repo: string, key: string, now: Date): Promise<void>;
  /** Records the object's id, and what was written to it. */
  saveCreated(owner: string, repo: string, key: string, object: { id: number; url?: string; digest?: string; status?: string }, now: Date): Promise<void>;
  /** Forgets it: it was deleted on GitHub, and the next report creates it again. */
  forget(owner: string, repo: string, key: string): Promise<void>;
}

/**
 * GitHub's secondary limits on content-creating requests, per installation. They are settings
 * because GitHub changes them; the defaults are the documented ones.
 */
export interface WriteBudgetLimits {
  /** Writes in any 60 seconds (GitHub: 80). */
  perMinute: number;
  /** Writes in any hour (GitHub: 500). */
  perHour: number;
  /** Writes of one installation in flight at once, across every worker. */
  concurrent: number;
  /** How long a taken write holds its concurrency slot at most: a crashed worker's slot lapses then. */
  leaseMs: number;
}

/** Why a write has to wait. */
export type WriteBudgetWaitReason = "paused" | "per-minute" | "per-hour" | "concurrency";

/**
 * The answer to one take: go now, holding `lease` (one concurrency slot, given back with
 * `release`), or wait until `retryAt`.
 */
export type WriteBudgetTake =
  | { go: true; lease: string }
  | { go: false; retryAt: Date; reason: WriteBudgetWaitReason; pauseReason?: string };

/**
 * One write budget per installation, shared by every worker through the state table: the
 * documented per-minute and per-hour limits, a cap on concurrent writes, and pauses set when
 * GitHub answered with a rate limit. Every change is a conditional write on the version read,
 * so two workers never spend the same room twice.
 */
export interface WriteBudgetStore {
  /** Takes room for one write at `now`, or says until when to wait. */
  take(installationId: number, now: Date): Promise<WriteBudgetTake>;
  /** Gives a taken write's concurrency slot back (the write stays counted in its windows). */
  release(installationId: number, lease: string): Promise<void>;
  /** Makes every take wait until `until` (a later pause already set is kept). */
  pauseUntil(installationId: number, until: Date, reason: string): Promise<void>;
}

/** Where the reconciler of missed webhook deliveries has got to. */
export interface DeliveryWatermark {
  /** GitHub's id of the newest delivery that, with every older one, is settled. */
  deliveryId: number;
  /** Its `delivered_at`. */
  deliveredAt: string;
}

/**
 * The state of the missed-delivery reconciler: its watermark and the deliveries (by GUID) it
 * asked GitHub to redeliver, so none is redelivered twice.
 */
export interface RedeliveryStore {
  /** The watermark; undefined before the first reconciliation. */
  watermark(): Promise<DeliveryWatermark | undefined>;
  /** Moves the watermark to a newer delivery; false (and unchanged) when it already is at or past it. */
  advanceWatermark(mark: DeliveryWatermark): Promise<boolean>;
  /** Records that `guid` is being redelivered; false when it already was (by this or another sweep). */
  claim(guid: string, deliveryId: number, now: Date): Promise<boolean>;
  /** Forgets a claim whose redelivery GitHub did not accept, so a later sweep tries again. */
  release(guid: string): Promise<void>;
  /** True when `guid` was redelivered by the reconciler. */
  has(guid: string): Promise<boolean>;
}

/** Share links of environments (`/preview share`), by the hash of their token. */
export interface ShareLinkStore {
  create(link: ShareLinkRecord): Promise<void>;
  /** The link, unless it expired (at or before `now`) or was revoked. */
  get(owner: string, repo: string, environment: string, id: string, now: Date): Promise<ShareLinkRecord | undefined>;
  /** Revokes every link of the environment; returns how many were live. */
  revokeAll(owner: string, repo: string, environment: string, now: Date): Promise<number>;
}

/** One-time hand-offs of a signed-in session to an environment's origin. */
export interface SignInHandoffStore {
  put(handoff: SignInHandoff): Promise<void>;
  /** Removes and returns the hand-off: a second take, or one after it expired, gets nothing. */
  take(id: string, now: Date): Promise<SignInHandoff | undefined>;
}

/** Host labels shortened with a hash, and the environment each names. */
export interface SiteHostStore {
  get(label: string): Promise<SiteHostRecord | undefined>;
  /** Records the label (again: a redeploy writes the same record); throws if it already names another environment. */
  record(host: SiteHostRecord): Promise<void>;
}

/**
 * The publish ledger: per release and target, whether it was published. Every change is a
 * conditional write, so two runs of one release never publish one target at once, and a
 * target that succeeded is never taken again.
 */
export interface PublishLedgerStore {
  /** Every entry of one release, by target name. */
  list(owner: string, repo: string, releaseId: number): Promise<PublishLedgerRecord[]>;
  /**
   * Takes the target for one attempt until `until`, counting it; undefined when it already
   * succeeded, or another run holds it and its time has not run out.
   */
  begin(key: PublishLedgerKey & { version: string }, until: Date, now: Date): Promise<PublishLedgerRecord | undefined>;
  /** Records how the target ended (or that it was blocked); false, and unchanged, when it had already succeeded. */
  settle(record: PublishLedgerRecord): Promise<boolean>;
}

/** Propagation campaigns: one per source repository and version, with a row per consumer. */
export interface CampaignStore {
  /** Records the campaign unless it exists; returns the stored one (the first wins, so a retry keeps the consumer order). */
  start(campaign: CampaignRecord): Promise<CampaignRecord>;
  get(owner: string, repo: string, version: string): Promise<CampaignRecord | undefined>;
  /** Writes one consumer's row (each consumer has its own item: jobs never race on one). */
  setRow(owner: string, repo: string, version: string, row: CampaignRow): Promise<void>;
  /** Every row of the campaign, by consumer. */
  rows(owner: string, repo: string, version: string): Promise<CampaignRow[]>;
}

/** Consumers' upgrade pull requests, by consumer repository and package slug. */
export interface UpgradeStore {
  get(owner: string, repo: string, slug: string): Promise<UpgradeRecord | undefined>;
  put(record: UpgradeRecord): Promise<void>;
  /** The writes made so far for one version of the upgrade (kept a week). */
  progress(owner: string, repo: string, slug: string, version: string): Promise<UpgradeProgress | undefined>;
  saveProgress(progress: UpgradeProgress): Promise<void>;
}

/** Every store, as the runtime wires them. */
export interface Stores {
  jobs: JobStore;
  environments: EnvironmentStore;
  handedOffEnvironments: HandedOffEnvironmentStore;
  builds: BuildStore;
  pullRequests: PullRequestStore;
  claims: DeployClaimStore;
  locks: LockStore;
  audit: AuditStore;
  branches: BranchStore;
  githubObjects: GitHubObjectStore;
  writeBudget: WriteBudgetStore;
  redeliveries: RedeliveryStore;
  shareLinks: ShareLinkStore;
  handoffs: SignInHandoffStore;
  siteHosts: SiteHostStore;
  publishLedger: PublishLedgerStore;
  campaigns: CampaignStore;
  upgrades: UpgradeStore;
}
