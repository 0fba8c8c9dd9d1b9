import { ChangeMessageVisibilityCommand, SendMessageBatchCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { deduplicationId, messageGroupId } from "./sqs-ids";
import type { JobMessage, JobQueue, QueuedJob } from "./job-queue";
import { deferSeconds, type RecordDeferral } from "./record-deferral";

/** Raised when SQS did not accept some jobs: nothing may acknowledge work that was not queued. */
export class JobQueueSendError extends Error {
  override name = "JobQueueSendError";
}

/** SQS takes at most ten messages per batch. */
const BATCH_LIMIT = 10;

/**
 * Sends jobs to an SQS FIFO queue: the message group orders the jobs of one pull request, and
 * the deduplication id drops a second send of the same job within SQS's five-minute window.
 */
export class SqsJobQueue implements JobQueue, RecordDeferral {
  constructor(private readonly options: { client: SQSClient; queueUrl: string }) {}

  /**
   * Sets the visibility timeout of the received message to `seconds`: Lambda leaves a record
   * reported as a batch item failure in the queue, and SQS hands it out again once that much time
   * has passed (see `RecordDeferral` for how such receives count).
   */
  async deferRecord(receiptHandle: string, seconds: number): Promise<void> {
    await this.options.client.send(
      new ChangeMessageVisibilityCommand({ QueueUrl: this.options.queueUrl, ReceiptHandle: receiptHandle, VisibilityTimeout: deferSeconds(seconds) }),
    );
  }

  /** Sends every job or throws a `JobQueueSendError` naming the ones SQS did not take. */
  async send(jobs: QueuedJob[]): Promise<void> {
    const batches: QueuedJob[][] = [];
    for (let start = 0; start < jobs.length; start += BATCH_LIMIT) batches.push(jobs.slice(start, start + BATCH_LIMIT));
    const outcomes = await Promise.allSettled(batches.map((batch) => this.sendBatch(batch)));
    const failures = outcomes.flatMap((outcome, index) => {
      if (outcome.status === "fulfilled") return outcome.value;
      const reason = outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason);
      return (batches[index] ?? []).map((job) => `${job.jobId} (${reason})`);
    });
    if (failures.length > 0) {
      throw new JobQueueSendError(
        `SQS did not queue ${failures.length} of ${jobs.length} jobs: ${failures.join("; ")}. Check the queue URL and permissions, then retry the send.`,
      );
    }
  }

  /** Sends one batch; returns a description of each job SQS refused. */
  private async sendBatch(batch: QueuedJob[]): Promise<string[]> {
    const response = await this.options.client.send(
      new SendMessageBatchCommand({
        QueueUrl: this.options.queueUrl,
        Entries: batch.map((job, index) => ({
          Id: String(index),
          MessageBody: JSON.stringify({ jobId: job.jobId } satisfies JobMessage),
          MessageGroupId: messageGroupId(job),
          MessageDeduplicationId: deduplicationId(job),
        })),
      }),
    );
    return (response.Failed ?? []).map((failure) => {
      const job = batch[Number(failure.Id)];
      return `${job?.jobId ?? `entry ${failure.Id}`} (${failure.Code ?? "error"}: ${failure.Message ?? "no message"})`;
    });
  }
}
