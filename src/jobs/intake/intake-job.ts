import { z } from "zod";
import { JobPayloadSchema } from "../../model/job-record";
import { BranchRecordSchema, PullRequestRecordSchema } from "../../model/records";
import { defineJobShape } from "../job-kind";
import { jobIdOf } from "../job-registry";

/**
 * One webhook delivery as the webhook path recorded it: the jobs it planned (already validated
 * against their kinds) and the pull request's or branch's head it names, with the receipt
 * sequence that orders it among events of the same second. Recording it is the delivery's
 * de-duplication (its id is the delivery's) and its acknowledgement's only write; the worker
 * then records the head and submits the jobs.
 */
export const IntakeJobSchema = z.object({
  kind: z.literal("intake"),
  /** `X-GitHub-Delivery`: a redelivery of the same delivery finds this intake. */
  deliveryId: z.string().min(1),
  /** `X-GitHub-Event`, for the log. */
  event: z.string().min(1),
  receivedAt: z.iso.datetime({ offset: true }),
  /** When Slipway received the delivery (see `receiptSequence`). */
  sequence: z.number().int().min(0),
  /** The ordering group of the intakes of the same pull request or branch: received order holds. */
  group: z.string().min(1),
  jobs: z.array(JobPayloadSchema),
  pullRequest: PullRequestRecordSchema.omit({ sequence: true }).optional(),
  branch: BranchRecordSchema.omit({ sequence: true }).optional(),
});
export type IntakeJob = z.infer<typeof IntakeJobSchema>;

/**
 * Intakes. Each has a group of its own beside its jobs' (see {@link intakeGroup}), so an intake
 * never waits behind the jobs of its pull request: the head it records is what lets those jobs
 * see they were overtaken.
 */
export const intakeShape = defineJobShape({
  kind: "intake",
  schema: IntakeJobSchema,
  identity: (job) => [job.deliveryId],
  group: (job) => job.group,
});

/** The id of a delivery's intake job, to tell whether Slipway recorded the delivery. */
export function intakeJobId(deliveryId: string): string {
  return jobIdOf([intakeShape.kind, deliveryId]);
}

/** Intakes of deliveries whose first job shares an ordering group run in the order received; others side by side. */
export function intakeGroup(firstJobGroup: string | undefined, deliveryId: string): string {
  return `intake-${firstJobGroup ?? deliveryId}`;
}
