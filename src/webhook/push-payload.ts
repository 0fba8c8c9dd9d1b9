import { z } from "zod";
import { CommitSha, InstallationPart, RepositoryPart } from "./payload-parts";

/** What `planPush` reads of a `push` delivery. */
export const PushPayload = z.object({
  installation: InstallationPart,
  // GitHub stamps `pushed_at` in seconds on push deliveries; the planner falls back to the
  // head commit's time when it is missing.
  repository: RepositoryPart.extend({ pushed_at: z.union([z.number(), z.string()]).nullish() }),
  ref: z.string().min(1),
  after: CommitSha,
  deleted: z.boolean(),
  compare: z.string(),
  // Null when the push deleted the branch or carried no commit.
  head_commit: z.object({ message: z.string(), timestamp: z.string() }).nullable(),
  sender: z.object({ login: z.string().min(1) }).optional(),
  pusher: z.object({ name: z.string().min(1) }),
});
