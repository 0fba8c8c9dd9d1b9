import type { SQSBatchResponse, SQSEvent } from "aws-lambda";
import { handleJobBatch } from "../worker/handle-job-batch";
import { awsKeyRing } from "./aws-key-ring";
import { createJobContext } from "./create-job-context";
import { env, once, probot, storage } from "./aws-runtime";

/** Runs one SQS batch of jobs. */
export const awsWorker = once(async () => {
  const [config, app, store] = await Promise.all([env(), probot(), storage()]);
  const ctx = createJobContext(config, store, app, app.log.child({ name: "worker" }), awsKeyRing);
  return (event: SQSEvent): Promise<SQSBatchResponse> => handleJobBatch(ctx, event);
});
