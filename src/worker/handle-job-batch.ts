import type { SQSBatchItemFailure, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import type { WorkerContext } from "../jobs/job-context";
import { JobMessageSchema } from "../queue/job-queue";
import type { RecordDeferral } from "../queue/record-deferral";
import { runJob, type Delivery } from "./run-job";

/** Message groups (pull requests) run side by side up to this many; each group in order. */
const GROUP_CONCURRENCY = 4;

async function deliver(ctx: WorkerContext, record: SQSRecord): Promise<Delivery> {
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch {
    body = undefined;
  }
  const message = JobMessageSchema.safeParse(body);
  if (!message.success) {
    // Never acknowledged: after the last receive the queue keeps it in the dead-letter queue.
    ctx.log.error({ messageId: record.messageId }, "queue message is not a Slipway job message");
    return "retry";
  }
  return runJob(ctx, message.data.jobId);
}

/**
 * The worker's SQS batch handler. Records of one message group (one pull request) run in
 * order; once one of them fails, the rest of its group in this batch are returned unprocessed
 * as failures too, because FIFO order must hold. Only failed records are reported
 * (`ReportBatchItemFailures`), so finished work is never redone. A job that must wait for its
 * installation's write budget is deferred: its record, and the rest of its group in the batch,
 * come back after the wait instead of holding a worker.
 */
export async function handleJobBatch(ctx: WorkerContext, event: SQSEvent, deferral?: RecordDeferral): Promise<SQSBatchResponse> {
  const groups = new Map<string, SQSRecord[]>();
  for (const record of event.Records) {
    const group = record.attributes.MessageGroupId ?? record.messageId;
    groups.set(group, [...(groups.get(group) ?? []), record]);
  }

  const failures: SQSBatchItemFailure[] = [];
  const runGroup = async (records: SQSRecord[]) => {
    for (const [index, record] of records.entries()) {
      const outcome = await deliver(ctx, record).catch((error: unknown) => {
        ctx.log.error({ err: error, messageId: record.messageId }, "job could not run");
        return "retry" as const;
      });
      if (outcome === "done") continue;
      const held = records.slice(index);
      if (outcome !== "retry") {
        if (!deferral) throw new Error("A job was deferred, but this worker was given no way to defer a queue record.");
        // The rest of the group waits as long: FIFO order holds, and none stays hidden longer.
        await Promise.all(held.map((later) => deferral.deferRecord(later.receiptHandle, outcome.deferSeconds)));
      }
      failures.push(...held.map((failed) => ({ itemIdentifier: failed.messageId })));
      return;
    }
  };

  const pending = [...groups.values()];
  const lanes = Array.from({ length: Math.min(GROUP_CONCURRENCY, pending.length) }, async () => {
    for (let next = pending.shift(); next; next = pending.shift()) await runGroup(next);
  });
  await Promise.all(lanes);
  return { batchItemFailures: failures };
}
