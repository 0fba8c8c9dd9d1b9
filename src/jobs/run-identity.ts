/**
 * The part of a deploying job's identity that names the workflow run that resumed it: none for
 * the job its own event made, so those keep the ids they always had.
 */
export function runIdentity(job: { workflowRunId?: number; runAttempt?: number }): Array<string | number> {
  return job.workflowRunId === undefined ? [] : ["run", job.workflowRunId, job.runAttempt ?? 1];
}
