import { defineJobKind } from "../job-kind";
import { workflowRunGroup } from "../job-groups";
import { WorkflowRunJobSchema } from "./workflow-run-job";
import { runWorkflowRun } from "./run-workflow-run";

/** A completed workflow run: fans out to the previews and pushes waiting for its artifact. */
export const workflowRunKind = defineJobKind({
  kind: "workflow-run",
  schema: WorkflowRunJobSchema,
  identity: (job) => [job.repository.repoId, job.runId, job.runAttempt],
  group: (job) => workflowRunGroup(job.repository.repoId, job.runId),
  run: runWorkflowRun,
});
