import { defineJobKind } from "../job-kind";
import { campaignReportShape, propagateShape, upgradeClosedShape, upgradeShape } from "./propagate-jobs";
import { reportPropagateGaveUp, runPropagate } from "./run-propagate";
import { reportUpgradeGaveUp, runUpgrade } from "./run-upgrade";
import { runCampaignReport } from "./report-campaign";
import { runUpgradeClosed } from "./run-upgrade-closed";

export const propagateKind = defineJobKind(propagateShape, { run: runPropagate, reportGaveUp: reportPropagateGaveUp });
export const upgradeKind = defineJobKind(upgradeShape, { run: runUpgrade, reportGaveUp: reportUpgradeGaveUp });
export const campaignReportKind = defineJobKind(campaignReportShape, { run: runCampaignReport });
export const upgradeClosedKind = defineJobKind(upgradeClosedShape, { run: runUpgradeClosed });
