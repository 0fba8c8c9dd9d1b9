import { z } from "zod";
import { RepoRefSchema } from "../../model/repo-ref";
import { defineJobShape } from "../job-kind";

/** Names Slipway's publish check run, and the "Retry failed" button's identifier on it. */
export const PUBLISH_CHECK = "Slipway / publish";
export const RETRY_FAILED_ACTION = "retry-failed";

/** The check run's `external_id`: which release it reports on, so its buttons find it again. */
export function publishExternalId(releaseId: number): string {
  return `slipway-publish:${releaseId}`;
}

/** The release a publish check run's `external_id` names; undefined for any other check run. */
export function releaseIdOfExternalId(externalId: string | null | undefined): number | undefined {
  const match = /^slipway-publish:([1-9]\d{0,15})$/.exec(externalId ?? "");
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/**
 * Publishing one release to its targets: planned when the release is published, and again
 * when someone presses "Retry failed" or re-runs the check run. Every run publishes only the
 * targets the ledger does not record as done.
 */
export const PublishJobSchema = z.object({
  kind: z.literal("publish"),
  repository: RepoRefSchema,
  releaseId: z.number().int().positive(),
  /** The release's tag as the release event named it (a retry's event does not; the worker reads the release). */
  tag: z.string().min(1).optional(),
  /** Who published the release, or pressed the button. */
  actor: z.string().min(1),
  /** The check run whose "Retry failed" or "Re-run" asked for this run: each press is a run of its own. */
  retry: z
    .object({
      checkRunId: z.number().int().positive(),
      /** `requested_action` or `rerequested`, and when the pressed run had completed. */
      action: z.enum(["requested_action", "rerequested"]),
      completedAt: z.string(),
    })
    .optional(),
});
export type PublishJob = z.infer<typeof PublishJobSchema>;

/**
 * Publish on release: one job per release, and one per "Retry failed" or re-run; every run of
 * a release goes in one group, so two never race on its targets.
 */
export const publishShape = defineJobShape({
  kind: "publish",
  schema: PublishJobSchema,
  identity: (job) => [job.repository.repoId, job.releaseId, ...(job.retry ? [job.retry.action, job.retry.checkRunId, job.retry.completedAt] : ["release"])],
  group: (job) => `${job.repository.repoId}-release-${job.releaseId}`,
});
