import { commandShape } from "./jobs/command/command-job";
import { deploymentStatusShape } from "./jobs/deployment-status/deployment-status-job";
import { intakeShape } from "./jobs/intake/intake-job";
import { JobShapes } from "./jobs/job-registry";
import { previewShape } from "./jobs/preview/preview-job";
import { campaignReportShape, propagateShape, upgradeClosedShape, upgradeShape } from "./jobs/propagate/propagate-jobs";
import { publishShape } from "./jobs/publish/publish-job";
import { pushShape } from "./jobs/push/push-job";
import { teardownShape } from "./jobs/teardown/teardown-job";
import { workflowRunShape } from "./jobs/workflow-run/workflow-run-job";

/**
 * Every job kind's shape, for the webhook path and the sweeper, which name and group the jobs
 * they submit but never run one: registration only, one line each, the same kinds as
 * `JOB_KINDS` (the worker's).
 */
export const JOB_SHAPES = new JobShapes()
  .register(intakeShape)
  .register(previewShape)
  .register(teardownShape)
  .register(commandShape)
  .register(pushShape)
  .register(publishShape)
  .register(workflowRunShape)
  .register(deploymentStatusShape)
  .register(propagateShape)
  .register(upgradeShape)
  .register(campaignReportShape)
  .register(upgradeClosedShape);
