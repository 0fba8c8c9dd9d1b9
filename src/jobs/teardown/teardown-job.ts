import { z } from "zod";
import { RepoRefSchema } from "../../model/repo-ref";

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
