/**
 * The one sparse index, shared by partitions that never meet: the sweeper's scans
 * (`ACTIVE_JOB`, `PREVIEW_EXPIRY`) and each environment's audit trail (`AUDIT#…#<environment>`).
 * Only items that belong to one of them carry its keys, and every query names its partition.
 */
export const GSI1 = "gsi1";
/** `gsi1pk` of jobs not yet final, sorted by `updatedAt` (`gsi1sk`). */
export const ACTIVE_JOB = "ACTIVE_JOB";
/** `gsi1pk` of active environments that expire, sorted by `expiresAt` (`gsi1sk`). */
export const PREVIEW_EXPIRY = "PREVIEW_EXPIRY";

/** Attributes that belong to the table layout, not to the records stored in it. */
export const LAYOUT_ATTRIBUTES = ["pk", "sk", "gsi1pk", "gsi1sk", "ttl"] as const;

/**
 * The partition of everything that belongs to one repository. GitHub treats owner and name
 * case-insensitively, and webhooks and URLs do not always agree on the casing.
 */
export function repoPartition(owner: string, repo: string): string {
  return `REPO#${owner.toLowerCase()}/${repo.toLowerCase()}`;
}

/**
 * The partition of a repository's audit trail. Kept apart from `repoPartition` so listing the
 * trail by time reads only audit entries, and the repository's own items stay a small partition.
 */
export function auditPartition(owner: string, repo: string): string {
  return `AUDIT#${owner.toLowerCase()}/${repo.toLowerCase()}`;
}

/** `gsi1pk` of one environment's audit entries, sorted by time (`gsi1sk`). */
export function auditEnvironmentPartition(owner: string, repo: string, environment: string): string {
  return `${auditPartition(owner, repo)}#${environment}`;
}

/**
 * The UTC form of an ISO time (`2024-01-01T00:00:00.000Z`): conditions and index ranges compare
 * these strings, which is only correct when every one has the same shape.
 */
export function isoTime(value: string | Date): string {
  return new Date(value).toISOString();
}

/** A `ttl` value: DynamoDB deletes the item some time after this moment. */
export function expiresAfter(now: Date, days: number): number {
  return Math.floor(now.getTime() / 1000) + days * 24 * 60 * 60;
}
