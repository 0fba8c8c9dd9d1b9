import { commandKind } from "./jobs/command/command-kind";
import { deploymentStatusKind } from "./jobs/deployment-status/deployment-status-kind";
import { JobRegistry } from "./jobs/job-registry";
import { intakeKind } from "./jobs/intake/intake-kind";
import { previewKind } from "./jobs/preview/preview-kind";
import { campaignReportKind, propagateKind, upgradeClosedKind, upgradeKind } from "./jobs/propagate/propagate-kinds";
import { publishKind } from "./jobs/publish/publish-kind";
import { pushKind } from "./jobs/push/push-kind";
import { teardownKind } from "./jobs/teardown/teardown-kind";
import { workflowRunKind } from "./jobs/workflow-run/workflow-run-kind";

/** Every job kind the worker runs, with its runner: registration only, one line each (see `JOB_SHAPES`). */
export const JOB_KINDS = new JobRegistry()
  .register(intakeKind)
  .register(previewKind)
  .register(teardownKind)
  .register(commandKind)
  .register(pushKind)
  .register(publishKind)
  .register(workflowRunKind)
  .register(deploymentStatusKind)
  .register(propagateKind)
  .register(upgradeKind)
  .register(campaignReportKind)
  .register(upgradeClosedKind);
