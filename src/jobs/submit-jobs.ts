import type { JobQueue, QueuedJob } from "../queue/job-queue";
import type { JobStore } from "../store/stores";
import { FINAL_JOB_STATES, jobGroup, jobId, type Job } from "./job";

export interface SubmitJobsDeps {
  jobs: Pick<JobStore, "create" | "get">;
  queue: JobQueue;
}

/**
 * Records each job (once: ids are deterministic) and queues the ones not already finished.
 * A job that exists but is unfinished is queued again: its earlier message may never have
 * been sent, and a duplicate message is harmless (the record decides whether there is work).
 */
export async function submitJobs(deps: SubmitJobsDeps, jobs: readonly Job[], now: Date): Promise<QueuedJob[]> {
  const queued: QueuedJob[] = [];
  for (const job of jobs) {
    const id = jobId(job);
    const created = await deps.jobs.create({ id, group: jobGroup(job), job }, now);
    if (!created) {
      const existing = await deps.jobs.get(id);
      if (existing && FINAL_JOB_STATES.includes(existing.state)) continue;
    }
    queued.push({ jobId: id, group: jobGroup(job) });
  }
  if (queued.length > 0) await deps.queue.send(queued);
  return queued;
}
