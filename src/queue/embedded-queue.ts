import { randomUUID } from "node:crypto";
import type { SQSBatchResponse, SQSEvent } from "aws-lambda";
import { deduplicationId } from "./sqs-ids";
import { DeduplicationWindow } from "./deduplication-window";
import { JobMessageSchema, type JobMessage, type JobQueue, type QueuedJob } from "./job-queue";
import { HoldGate } from "./hold-gate";
import { deferSeconds, type RecordDeferral } from "./record-deferral";
import { toSqsRecord, type QueuedMessage } from "./sqs-record";

/** Raised by `send` and pending `drain`s once the queue is closed: its messages will not be delivered. */
export class QueueClosedError extends Error {
  override name = "QueueClosedError";
}

/** Raised by `deferRecord` for a receipt handle of no message in flight (SQS: MessageNotInflight). */
export class ReceiptHandleError extends Error {
  override name = "ReceiptHandleError";
}

/** The logging the queue needs; a pino logger fits. */
export interface QueueLogger {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface EmbeddedQueueOptions {
  /** The worker's SQS handler: receives batches as Lambda's SQS trigger would hand them. */
  deliver: (event: SQSEvent) => Promise<SQSBatchResponse | void>;
  /** Failed receives before a message moves to the dead letters; deferred receives do not count (see `RecordDeferral`). */
  maxAttempts: number;
  /** Delay before a failed message is delivered again, by the number of its failed receives. */
  backoffMs?: (attempt: number) => number;
  /** Messages per batch, at most 10 as on a FIFO queue; default 10. */
  batchSize?: number;
  /** After the last `hold` is released, batches wait this much longer for the next one (default 0). */
  quietMs?: number;
  /** Holds keep a batch back for at most this long at a stretch (default 1000). */
  maxHoldMs?: number;
  logger?: QueueLogger;
}

/** A message that failed `maxAttempts` times and will not be delivered again. */
export type DeadLetter = Omit<QueuedMessage, "firstReceivedAt">;

const defaultBackoff = (attempt: number): number => Math.min(30_000, 1000 * 2 ** (attempt - 1));

/**
 * An in-process stand-in for the SQS FIFO queue and Lambda's SQS trigger, for the local
 * runtime. It keeps FIFO's guarantees the worker relies on: a group's messages are delivered in
 * order and one at a time (a failed one holds its group back until it is redelivered or dead),
 * duplicates within five minutes are dropped, and partial batch failures are redelivered after
 * a back-off with a growing `ApproximateReceiveCount`. A record the worker defers
 * (`deferRecord`, SQS's ChangeMessageVisibility) comes back after its delay instead.
 *
 * Fairness: each group has at most its head in flight, and every pass hands out the head of
 * every group that is free, however many messages wait behind another group's head; so a
 * group with a long backlog delays no other group by more than its own one message at a time.
 */
export class EmbeddedQueue implements JobQueue, RecordDeferral {
  /** Waiting messages per group, oldest first; the head stays here while in flight or backing off. */
  private readonly groups = new Map<string, QueuedMessage[]>();
  /** Groups whose head is in flight or waiting for its back-off: nothing else of them is delivered. */
  private readonly busyGroups = new Set<string>();
  private readonly deduplication = new DeduplicationWindow();
  private readonly deadLetterList: DeadLetter[] = [];
  /** Messages of the batches being handled, by the receipt handle their record carries. */
  private readonly inFlight = new Map<string, QueuedMessage>();
  /** Delays (ms) the worker asked for, by message id, until its batch is answered. */
  private readonly deferredMs = new Map<string, number>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly batches = new Set<Promise<void>>();
  private drainWaiters: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  private pumpScheduled: NodeJS.Immediate | undefined;
  private sequence = 0n;
  /** Whether callers asked for no new batch to start meanwhile (see `hold`). */
  private readonly gate: HoldGate;
  private closed = false;
  private readonly backoffMs: (attempt: number) => number;
  private readonly batchSize: number;
  private readonly logger: QueueLogger;

  constructor(private readonly options: EmbeddedQueueOptions) {
    if (!Number.isInteger(options.maxAttempts) || options.maxAttempts < 1) {
      throw new RangeError(`maxAttempts must be a whole number of at least 1, got ${options.maxAttempts}.`);
    }
    this.batchSize = options.batchSize ?? 10;
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1 || this.batchSize > 10) {
      throw new RangeError(`batchSize must be a whole number from 1 to 10 (the FIFO limit), got ${this.batchSize}.`);
    }
    this.gate = new HoldGate({ quietMs: options.quietMs ?? 0, maxWaitMs: options.maxHoldMs ?? 1000, reopened: () => this.schedulePump() });
    this.backoffMs = options.backoffMs ?? defaultBackoff;
    this.logger = options.logger ?? { warn: (details, message) => console.warn(message, details), error: (details, message) => console.error(message, details) };
  }

  async send(jobs: QueuedJob[]): Promise<void> {
    if (this.closed) throw new QueueClosedError("The embedded queue is closed; create a new one to send jobs.");
    const now = Date.now();
    for (const job of jobs) {
      const dedupId = deduplicationId(job);
      if (!this.deduplication.admit(dedupId, now)) continue;
      const message: QueuedMessage = {
        messageId: randomUUID(),
        body: JSON.stringify({ jobId: job.jobId } satisfies JobMessage),
        group: job.group,
        deduplicationId: dedupId,
        sequenceNumber: String(++this.sequence).padStart(20, "0"),
        sentAt: now,
        receiveCount: 0,
        deferrals: 0,
      };
      const group = this.groups.get(job.group);
      if (group) group.push(message);
      else this.groups.set(job.group, [message]);
    }
    this.schedulePump();
  }

  /**
   * Keeps the in-flight message with this receipt handle away for `seconds` once the worker
   * reports it as a failure; a message reported as done is deleted all the same, as on SQS.
   */
  async deferRecord(receiptHandle: string, seconds: number): Promise<void> {
    const message = this.inFlight.get(receiptHandle);
    if (!message) {
      throw new ReceiptHandleError(`No message in flight has the receipt handle ${receiptHandle}; defer a record only while its batch is being handled.`);
    }
    this.deferredMs.set(message.messageId, deferSeconds(seconds) * 1000);
  }

  /**
   * Starts no new batch until the returned release is called, and for `quietMs` after the last
   * release (batches in flight go on; none is kept back longer than `maxHoldMs`). The local
   * server holds the queue while it records webhook deliveries, so GitHub's acknowledgements
   * never wait behind jobs sharing the process; on AWS they are separate functions anyway.
   */
  hold(): () => void {
    return this.gate.hold();
  }

  /** Messages that failed `maxAttempts` times, in the order they died. */
  deadLetters(): DeadLetter[] {
    return this.deadLetterList.map((letter) => ({ ...letter }));
  }

  /** Resolves once no message is waiting, backing off or in flight. */
  drain(): Promise<void> {
    if (this.idle()) return Promise.resolve();
    if (this.closed) return Promise.reject(this.closedWithWork());
    return new Promise((resolve, reject) => this.drainWaiters.push({ resolve, reject }));
  }

  /** The job ids of the messages the worker is running now. */
  inFlightJobIds(): string[] {
    return [...this.inFlight.values()].map((message) => JobMessageSchema.safeParse(JSON.parse(message.body)).data?.jobId ?? message.messageId);
  }

  /**
   * Stops delivering: nothing new is handed to the worker and back-off timers are cancelled.
   * Then waits for the batches in flight to finish, for at most `waitMs` when given; resolves
   * with the job ids still running then (their jobs stay unfinished in the store, and the
   * sweeper queues them again).
   */
  async close(options: { waitMs?: number } = {}): Promise<{ unfinished: string[] }> {
    this.closed = true;
    if (this.pumpScheduled) clearImmediate(this.pumpScheduled);
    this.gate.close();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const finished = Promise.all(this.batches);
    if (options.waitMs === undefined) await finished;
    else {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([finished, new Promise<void>((resolve) => (timer = setTimeout(resolve, options.waitMs)))]);
      clearTimeout(timer);
    }
    if (!this.idle()) for (const waiter of this.drainWaiters.splice(0)) waiter.reject(this.closedWithWork());
    return { unfinished: this.inFlightJobIds() };
  }

  private schedulePump(): void {
    // Deferred so jobs sent in the same turn share a batch, as they would on SQS.
    if (this.pumpScheduled || this.closed) return;
    this.pumpScheduled = setImmediate(() => {
      this.pumpScheduled = undefined;
      this.pump();
    });
  }

  private pump(): void {
    if (this.groups.size > 0 && !this.gate.admits()) return;
    for (;;) {
      const batch: QueuedMessage[] = [];
      for (const [group, messages] of this.groups) {
        const head = messages[0];
        if (!head || this.busyGroups.has(group)) continue;
        this.busyGroups.add(group);
        batch.push(head);
        if (batch.length === this.batchSize) break;
      }
      if (batch.length === 0) break;
      const delivery = this.deliverBatch(batch).finally(() => {
        this.batches.delete(delivery);
        this.settle();
      });
      this.batches.add(delivery);
    }
    this.settle();
  }

  private async deliverBatch(batch: QueuedMessage[]): Promise<void> {
    const now = Date.now();
    for (const message of batch) {
      message.receiveCount += 1;
      message.firstReceivedAt ??= now;
    }
    const records = batch.map((message) => {
      const record = toSqsRecord(message);
      this.inFlight.set(record.receiptHandle, message);
      return record;
    });
    let failed: Set<string>;
    try {
      const response = await this.options.deliver({ Records: records });
      failed = this.failuresOf(batch, response);
    } catch (error) {
      this.logger.warn({ err: error, messageIds: batch.map((message) => message.messageId) }, "The SQS handler threw; every message of the batch will be redelivered");
      failed = new Set(batch.map((message) => message.messageId));
    } finally {
      for (const record of records) this.inFlight.delete(record.receiptHandle);
    }
    for (const message of batch) {
      const deferMs = this.deferredMs.get(message.messageId);
      this.deferredMs.delete(message.messageId);
      if (!failed.has(message.messageId)) this.finish(message);
      else if (deferMs !== undefined) this.deferLater(message, deferMs);
      else if (failedReceives(message) >= this.options.maxAttempts) this.deadLetter(message);
      else this.retryLater(message, this.backoffMs(failedReceives(message)));
    }
    this.schedulePump();
  }

  /** Lambda's rule: an identifier that names no message of the batch fails the whole batch. */
  private failuresOf(batch: QueuedMessage[], response: SQSBatchResponse | void): Set<string> {
    const ids = new Set(batch.map((message) => message.messageId));
    const failures = (response?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier);
    if (failures.some((id) => !ids.has(id))) {
      this.logger.warn({ failures }, "The SQS handler reported a failure for a message not in the batch; the whole batch will be redelivered");
      return ids;
    }
    return new Set(failures);
  }

  private finish(message: QueuedMessage): void {
    const messages = this.groups.get(message.group);
    messages?.shift();
    if (messages?.length === 0) this.groups.delete(message.group);
    this.busyGroups.delete(message.group);
  }

  private deadLetter(message: QueuedMessage): void {
    this.finish(message);
    const { firstReceivedAt: _firstReceivedAt, ...letter } = message;
    this.deadLetterList.push(letter);
    this.logger.error({ ...letter }, `Job message failed ${failedReceives(message)} times and moved to the dead letters; fix the cause and send the job again`);
  }

  private deferLater(message: QueuedMessage, delayMs: number): void {
    message.deferrals += 1;
    this.retryLater(message, delayMs);
  }

  /** Keeps the message's group busy for `delayMs`, then lets its head (this message) go again. */
  private retryLater(message: QueuedMessage, delayMs: number): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.busyGroups.delete(message.group);
      this.schedulePump();
    }, delayMs);
    this.timers.add(timer);
  }

  private idle(): boolean {
    return this.groups.size === 0 && this.batches.size === 0;
  }

  private settle(): void {
    if (this.idle()) for (const waiter of this.drainWaiters.splice(0)) waiter.resolve();
  }

  private closedWithWork(): QueueClosedError {
    const waiting = [...this.groups.values()].reduce((count, messages) => count + messages.length, 0);
    return new QueueClosedError(`The embedded queue was closed with ${waiting} messages undelivered; drain it before closing.`);
  }
}

/** Receives of the message that failed, as opposed to those that ended in a deferral. */
function failedReceives(message: QueuedMessage): number {
  return message.receiveCount - message.deferrals;
}
