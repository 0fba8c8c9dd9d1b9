/** The newest head of a pull request or branch, as the webhook path recorded it. */
export interface NewestHead {
  headSha: string;
  eventAt: string;
  sequence: number;
  state?: "open" | "closed";
}

/** A job's commit and the event behind it; `sequence` is the head's count when its delivery was recorded. */
export interface HeadEvent {
  headSha: string;
  eventAt: string;
  sequence?: number;
}

/**
 * Whether a newer event has overtaken a job's commit: a different commit by GitHub's later
 * timestamp or, for events of the same second, by the order Slipway received them; or its
 * pull request closed since. A job without a sequence (a maintainer's `/preview`, which reads
 * the head from GitHub itself) is overtaken only by a later timestamp.
 */
export function isOvertaken(head: NewestHead, job: HeadEvent): boolean {
  const laterTime = head.eventAt > job.eventAt;
  if (head.headSha === job.headSha) return head.state === "closed" && laterTime;
  if (laterTime) return true;
  return head.eventAt === job.eventAt && job.sequence !== undefined && head.sequence > job.sequence;
}
