import { z } from "zod";
import { RepoRefSchema } from "../../model/repo-ref";
import { defineJobShape } from "../job-kind";
import { pullRequestGroup } from "../job-groups";

/** Stop serving a pull request's preview and mark its deployments inactive. */
export const TeardownJobSchema = z.object({
  kind: z.literal("teardown"),
  repository: RepoRefSchema,
  pullNumber: z.number().int().positive(),
  reason: z.enum(["closed", "expired", "command"]),
  /** Who removed it, for the audit trail (the sweeper, or a `/preview destroy`'s author). */
  actor: z.string().optional(),
  eventAt: z.iso.datetime({ offset: true }),
});
export type TeardownJob = z.infer<typeof TeardownJobSchema>;

/**
 * Teardowns of previews. One that never finished leaves the preview up and reports nothing:
 * the sweeper's next expiry, or the next close, tries again.
 */
export const teardownShape = defineJobShape({
  kind: "teardown",
  schema: TeardownJobSchema,
  identity: (job) => [job.repository.repoId, job.pullNumber, job.reason, job.eventAt],
  group: (job) => pullRequestGroup(job.repository.repoId, job.pullNumber),
});
