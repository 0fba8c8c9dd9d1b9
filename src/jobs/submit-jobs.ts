import type { JobPayload } from "../model/job-record";
import { FINAL_JOB_STATES } from "../model/job-record";
import type { JobQueue, QueuedJob } from "../queue/job-queue";
import type { JobStore } from "../store/stores";
import type { JobNamer } from "./job-registry";

export interface SubmitJobsDeps {
  jobs: Pick<JobStore, "create" | "get" | "reopen">;
  queue: JobQueue;
  kinds: JobNamer;
}

/** How many of the submitted jobs were recorded now, and how many failed ones were reopened. */
export interface Submitted {
  created: number;
  reopened: number;
}

/**
 * Records each job (once: ids are deterministic) and queues the ones not already finished.
 * A job that exists but is unfinished is queued again: its earlier message may never have
 * been sent, and a duplicate message is harmless (the record decides whether there is work).
 * With `reopenFailed`, a job found `failed` is reopened for a new round of attempts and queued
 * under a de-duplication id of its own (its first message was used, and a re-send under the
 * same id would be dropped within the queue's five-minute window). Each job is validated
 * against its kind first, so a malformed one is never stored.
 */
export async function submitJobs(deps: SubmitJobsDeps, jobs: readonly JobPayload[], now: Date, options: { reopenFailed?: boolean } = {}): Promise<Submitted> {
  const queued: QueuedJob[] = [];
  const submitted: Submitted = { created: 0, reopened: 0 };
  for (const payload of jobs) {
    const { id, group, job } = deps.kinds.load(payload);
    if (await deps.jobs.create({ id, group, job }, now)) {
      submitted.created++;
      queued.push({ jobId: id, group });
      continue;
    }
    const existing = await deps.jobs.get(id);
    if (options.reopenFailed && existing?.state === "failed" && (await deps.jobs.reopen(id, now))) {
      submitted.reopened++;
      queued.push({ jobId: id, group, dedupSuffix: `reopened-${now.getTime()}` });
    } else if (!existing || !FINAL_JOB_STATES.includes(existing.state)) {
      queued.push({ jobId: id, group });
    }
  }
  if (queued.length > 0) await deps.queue.send(queued);
  return submitted;
}
