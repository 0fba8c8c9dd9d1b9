import { defineJobKind } from "../job-kind";
import { pushShape } from "./push-job";
import { reportPushError, runPush } from "./run-push";

export const pushKind = defineJobKind(pushShape, { run: runPush, reportGaveUp: reportPushError });
