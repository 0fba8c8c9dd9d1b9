import { defineJobKind } from "../job-kind";
import { workflowRunShape } from "./workflow-run-job";
import { runWorkflowRun } from "./run-workflow-run";

export const workflowRunKind = defineJobKind(workflowRunShape, { run: runWorkflowRun });
