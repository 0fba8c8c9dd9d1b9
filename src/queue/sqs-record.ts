import { createHash, randomUUID } from "node:crypto";
import type { SQSRecord } from "aws-lambda";

/** The queue the embedded queue stands in for, as Lambda would name it in each record. */
export const EMBEDDED_QUEUE_ARN = "arn:aws:sqs:local:000000000000:slipway-jobs.fifo";

/** A message held by the embedded queue between its send and its deletion. */
export interface QueuedMessage {
  messageId: string;
  body: string;
  group: string;
  deduplicationId: string;
  /** SQS FIFO's per-queue sequence number: 20 digits, increasing with each send. */
  sequenceNumber: string;
  sentAt: number;
  firstReceivedAt?: number;
  /** Times the message has been handed to the consumer, this delivery included. */
  receiveCount: number;
  /** Receives that ended in a deferral (`deferRecord`): they do not count towards dead-lettering. */
  deferrals: number;
}

/**
 * The record Lambda's SQS trigger would hand the worker for this message, so the worker's
 * handler runs unchanged on the embedded queue. Each receive gets a fresh receipt handle.
 */
export function toSqsRecord(message: QueuedMessage): SQSRecord {
  return {
    messageId: message.messageId,
    receiptHandle: `${message.messageId}:${randomUUID()}`,
    body: message.body,
    attributes: {
      ApproximateReceiveCount: String(message.receiveCount),
      SentTimestamp: String(message.sentAt),
      SenderId: "LOCAL",
      ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt ?? message.sentAt),
      SequenceNumber: message.sequenceNumber,
      MessageGroupId: message.group,
      MessageDeduplicationId: message.deduplicationId,
    },
    messageAttributes: {},
    md5OfBody: createHash("md5").update(message.body).digest("hex"),
    eventSource: "aws:sqs",
    eventSourceARN: EMBEDDED_QUEUE_ARN,
    awsRegion: "local",
  };
}
