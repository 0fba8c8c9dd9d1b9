import type { Logger } from "probot";
import { RepoRefSchema } from "../model/repo-ref";
import { EmbeddedQueue } from "../queue/embedded-queue";
import type { JobQueue } from "../queue/job-queue";
import type { JobStore } from "../store/stores";

/** A running job in words: `preview of acme/web#12 (job 1a2b…, attempt 2)`. */
async function describeJob(jobs: Pick<JobStore, "get">, jobId: string): Promise<string> {
  const record = await jobs.get(jobId).catch(() => undefined);
  if (!record) return `job ${jobId}`;
  const { job } = record;
  // The store keeps jobs as their kinds wrote them; only the common parts are read here.
  const repository = RepoRefSchema.safeParse(job.repository);
  const pull = typeof job.pullNumber === "number" ? `#${job.pullNumber}` : "";
  const where = repository.success ? ` of ${repository.data.owner}/${repository.data.repo}${pull}` : "";
  return `${job.kind}${where} (job ${jobId}, attempt ${record.attempts})`;
}

/**
 * Stops the local worker: the queue hands out nothing more, and the jobs running now get
 * `graceMs` to finish (all the time they need when not given). The log says which jobs are
 * waited for and which were left unfinished: their records stay unfinished, so the sweeper
 * queues them again when `npm start` next starts.
 */
export async function stopJobs(queue: JobQueue & { close?(): Promise<unknown> }, jobs: Pick<JobStore, "get">, log: Logger, graceMs?: number): Promise<void> {
  if (!(queue instanceof EmbeddedQueue)) {
    await queue.close?.();
    return;
  }
  const running = queue.inFlightJobIds();
  if (running.length > 0) {
    const names = await Promise.all(running.map((id) => describeJob(jobs, id)));
    const limit = graceMs === undefined ? "" : ` up to ${Math.ceil(graceMs / 1000)} s`;
    log.info(`Waiting${limit} for ${running.length} running job(s) to finish: ${names.join("; ")}`);
  }
  const { unfinished } = await queue.close({ waitMs: graceMs });
  if (unfinished.length > 0) {
    const names = await Promise.all(unfinished.map((id) => describeJob(jobs, id)));
    log.warn(`Stopped with ${unfinished.length} job(s) unfinished: ${names.join("; ")}. The next start queues them again.`);
  }
}
