import { z } from "zod";
import { CommitSha, InstallationPart, RepositoryPart, Timestamp } from "./payload-parts";

/** What `planPullRequest` reads of a `pull_request` delivery. */
export const PullRequestPayload = z.object({
  action: z.string().min(1),
  installation: InstallationPart,
  repository: RepositoryPart,
  sender: z.object({ login: z.string().min(1) }),
  pull_request: z.object({
    number: z.number().int().positive(),
    updated_at: Timestamp,
    head: z.object({
      sha: CommitSha,
      ref: z.string().min(1),
      // Null when the fork the pull request comes from was deleted.
      repo: z.object({ id: z.number().int().positive() }).nullable(),
    }),
  }),
});
