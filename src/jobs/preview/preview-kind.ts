import { defineJobKind } from "../job-kind";
import { previewShape } from "./preview-job";
import { reportPreviewError, runPreview } from "./run-preview";

export const previewKind = defineJobKind(previewShape, { run: runPreview, reportGaveUp: reportPreviewError });
