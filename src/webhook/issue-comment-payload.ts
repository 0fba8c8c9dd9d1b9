import { z } from "zod";
import { InstallationPart, RepositoryPart, Timestamp } from "./payload-parts";

/** What `planIssueComment` reads of an `issue_comment` delivery. */
export const IssueCommentPayload = z.object({
  action: z.string().min(1),
  installation: InstallationPart,
  repository: RepositoryPart,
  sender: z.object({ type: z.string().min(1) }),
  issue: z.object({
    number: z.number().int().positive(),
    // Present only on a pull request's conversation.
    pull_request: z.object({}).nullish(),
  }),
  comment: z.object({
    id: z.number().int().positive(),
    body: z.string(),
    html_url: z.url(),
    created_at: Timestamp,
    user: z.object({ login: z.string().min(1), type: z.string().min(1) }),
  }),
});
