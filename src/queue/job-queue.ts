import { z } from "zod";

/** The body of a queue message: only the job's id; the record in DynamoDB is the truth. */
export const JobMessageSchema = z.object({ jobId: z.string().min(1) });
export type JobMessage = z.infer<typeof JobMessageSchema>;

export interface QueuedJob {
  jobId: string;
  /** Ordering group: jobs of one group are delivered one at a time, in order (SQS FIFO). */
  group: string;
  /** Distinguishes a deliberate re-send (the sweeper's, a reopened job's) from a duplicate within SQS's 5-minute window. */
  dedupSuffix?: string;
}

/** Where the webhook handler and the sweeper put work for the worker. */
export interface JobQueue {
  send(jobs: QueuedJob[]): Promise<void>;
}
