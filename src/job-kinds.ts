import { JobRegistry } from "./jobs/job-registry";
import { commandKind } from "./jobs/command/command-kind";
import { previewKind } from "./jobs/preview/preview-kind";
import { pushKind } from "./jobs/push/push-kind";
import { teardownKind } from "./jobs/teardown/teardown-kind";
import { campaignReportKind, propagateKind, upgradeClosedKind, upgradeKind } from "./jobs/propagate/propagate-kinds";

/** Every job kind Slipway runs: registration only, one line each. */
export const JOB_KINDS = new JobRegistry()
  .register(previewKind)
  .register(teardownKind)
  .register(commandKind)
  .register(pushKind)
  .register(propagateKind)
  .register(upgradeKind)
  .register(campaignReportKind)
  .register(upgradeClosedKind);
