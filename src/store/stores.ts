import type { Job, JobState } from "../jobs/job";
import type { BuildRecord, EnvironmentRecord, JobRecord, PullRequestRecord } from "./records";

/** De-duplicates webhook deliveries by `X-GitHub-Delivery`. */
export interface DeliveryStore {
  /** Records the delivery; false when it was already claimed (a redelivery: skip it). */
  claim(deliveryId: string, now: Date): Promise<boolean>;
  /** Forgets a claim whose processing failed, so GitHub's redelivery is processed. */
  release(deliveryId: string): Promise<void>;
}

export interface JobStore {
  /** Creates the job's record unless one with this id exists; true when it created it. */
  create(job: { id: string; group: string; job: Job }, now: Date): Promise<boolean>;
  get(id: string): Promise<JobRecord | undefined>;
  /**
   * Marks the job `running` and counts the attempt. Undefined when the job is missing or
   * already final: a redelivered message for finished work does nothing.
   */
  beginAttempt(id: string, now: Date): Promise<JobRecord | undefined>;
  /** Puts the job back to `queued` after a failed attempt, keeping the error. */
  release(id: string, error: string, now: Date): Promise<void>;
  /** Ends the job in a final state. */
  finish(id: string, state: Extract<JobState, "succeeded" | "failed" | "superseded">, detail: { result?: string; error?: string }, now: Date): Promise<void>;
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
}

export interface BuildStore {
  get(owner: string, repo: string, buildKey: string): Promise<BuildRecord | undefined>;
  /** Records a finished build; a second put of the same key keeps the first (builds are immutable). */
  put(record: BuildRecord): Promise<void>;
}

export interface PullRequestStore {
  get(owner: string, repo: string, pullNumber: number): Promise<PullRequestRecord | undefined>;
  /** Records the pull request's head unless a newer event (`eventAt`) already did; true when written. */
  record(record: PullRequestRecord): Promise<boolean>;
}

/** Every store, as the runtime wires them. */
export interface Stores {
  deliveries: DeliveryStore;
  jobs: JobStore;
  environments: EnvironmentStore;
  builds: BuildStore;
  pullRequests: PullRequestStore;
}
