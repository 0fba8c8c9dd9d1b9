import type { SQSBatchResponse, SQSEvent } from "aws-lambda";
import { handleJobBatch } from "../worker/handle-job-batch";
import { createQueue } from "./create-queue";
import { createWorkerContext } from "./create-worker-context";
import { env, once, storage } from "./aws-runtime";
import { probot } from "./aws-probot";
import { awsKeyRing } from "./aws-key-ring";

/** Runs one SQS batch of jobs. */
export const awsWorker = once(async () => {
  const [config, app, store] = await Promise.all([env(), probot(), storage()]);
  const log = app.log.child({ name: "worker" });
  const queue = createQueue(config, log);
  const ctx = createWorkerContext(config, store, app, log, () => queue, awsKeyRing);
  return (event: SQSEvent): Promise<SQSBatchResponse> => handleJobBatch(ctx, event, queue);
});
