import type { JobPayload } from "../model/job-record";
import { FINAL_JOB_STATES } from "../model/job-record";
import type { JobQueue, QueuedJob } from "../queue/job-queue";
import type { JobStore } from "../store/stores";
import type { JobNamer } from "./job-registry";

export interface SubmitJobsDeps {
  jobs: Pick<JobStore, "create" | "get">;
  queue: JobQueue;
  kinds: JobNamer;
}

/**
 * Records each job (once: ids are deterministic) and queues the ones not already finished.
 * A job that exists but is unfinished is queued again: its earlier message may never have
 * been sent, and a duplicate message is harmless (the record decides whether there is work).
 * Each job is validated against its kind first, so a malformed one is never stored. Resolves
 * with how many of the jobs were recorded now, as opposed to found from an earlier submission.
 */
export async function submitJobs(deps: SubmitJobsDeps, jobs: readonly JobPayload[], now: Date): Promise<number> {
  const queued: QueuedJob[] = [];
  let created = 0;
  for (const payload of jobs) {
    const { id, group, job } = deps.kinds.load(payload);
    if (await deps.jobs.create({ id, group, job }, now)) created++;
    else {
      const existing = await deps.jobs.get(id);
      if (existing && FINAL_JOB_STATES.includes(existing.state)) continue;
    }
    queued.push({ jobId: id, group });
  }
  if (queued.length > 0) await deps.queue.send(queued);
  return created;
}
