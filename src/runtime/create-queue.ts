import { SQSClient } from "@aws-sdk/client-sqs";
import type { SQSBatchResponse, SQSEvent } from "aws-lambda";
import type { Logger } from "probot";
import type { Env } from "../config/env";
import { EmbeddedQueue } from "../queue/embedded-queue";
import type { JobQueue } from "../queue/job-queue";
import type { RecordDeferral } from "../queue/record-deferral";
import { SqsJobQueue } from "../queue/sqs-job-queue";

/** Raised when the queue named by configuration cannot work in this process. */
export class QueueConfigurationError extends Error {
  override name = "QueueConfigurationError";
}

/**
 * How long the in-process queue waits after the last webhook delivery before it starts jobs: long
 * enough to bridge the gaps inside a burst of deliveries, short against a job's own time.
 */
const DELIVERY_QUIET_MS = 50;

/**
 * The queue named by `SLIPWAY_QUEUE`: SQS, or the in-process queue that hands this process's
 * worker the same SQS-shaped batches (only where a worker runs in the same process: `npm start`).
 */
export function createQueue(env: Env, log: Logger, worker?: (event: SQSEvent) => Promise<SQSBatchResponse>): JobQueue & RecordDeferral & { close?(): Promise<unknown> } {
  if (env.SLIPWAY_QUEUE === "sqs") {
    const client = new SQSClient({ region: env.AWS_REGION, ...(env.SQS_ENDPOINT ? { endpoint: env.SQS_ENDPOINT } : {}) });
    return new SqsJobQueue({ client, queueUrl: env.SLIPWAY_QUEUE_URL ?? "" });
  }
  if (!worker) {
    throw new QueueConfigurationError("SLIPWAY_QUEUE=embedded needs the worker in the same process (npm start); on AWS set SLIPWAY_QUEUE=sqs and SLIPWAY_QUEUE_URL.");
  }
  return new EmbeddedQueue({ deliver: worker, maxAttempts: env.SLIPWAY_MAX_ATTEMPTS, quietMs: DELIVERY_QUIET_MS, logger: log });
}
