import { defineJobKind } from "../job-kind";
import { publishShape } from "./publish-job";
import { runPublish } from "./run-publish";
import { reportPublishGaveUp } from "./report-publish-gave-up";

export const publishKind = defineJobKind(publishShape, { run: (job, ctx) => runPublish(job, ctx), reportGaveUp: reportPublishGaveUp });
