import { z } from "zod";
import { CommitSha, InstallationPart, RepositoryPart, Timestamp } from "./payload-parts";

/** What `planWorkflowRun` reads of a `workflow_run` delivery. */
export const WorkflowRunPayload = z.object({
  action: z.string().min(1),
  installation: InstallationPart,
  repository: RepositoryPart,
  workflow_run: z.object({
    id: z.number().int().positive(),
    path: z.string(),
    head_sha: CommitSha,
    // Null for a run that was not started on a branch (a tag, say).
    head_branch: z.string().nullable(),
    event: z.string(),
    status: z.string().nullable(),
    conclusion: z.string().nullable(),
    html_url: z.string().min(1),
    run_attempt: z.number().int().positive().optional(),
    updated_at: Timestamp,
    repository: z.object({ id: z.number().int().positive() }),
    // Null when the fork the run came from has since been deleted.
    head_repository: z.object({ id: z.number().int().positive(), owner: z.object({ login: z.string().min(1) }) }).nullable(),
    pull_requests: z.array(z.object({ number: z.number().int().positive(), head: z.object({ sha: z.string() }) })).nullable(),
    triggering_actor: z.object({ login: z.string().min(1) }).nullish(),
    actor: z.object({ login: z.string().min(1) }).nullish(),
  }),
});
