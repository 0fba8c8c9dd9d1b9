import { z } from "zod";
import { RepoRefSchema } from "../../model/repo-ref";
import { CommandSchema } from "../../slash-command/command";
import { defineJobShape } from "../job-kind";
import { pullRequestGroup } from "../job-groups";

/** A slash command from a pull request comment. */
export const CommandJobSchema = z.object({
  kind: z.literal("command"),
  repository: RepoRefSchema,
  pullNumber: z.number().int().positive(),
  commentId: z.number().int().positive(),
  commentUrl: z.string().min(1),
  /** Login of the commenter, whose permission is checked. */
  actor: z.string().min(1),
  command: CommandSchema,
  eventAt: z.iso.datetime({ offset: true }),
});
export type CommandJob = z.infer<typeof CommandJobSchema>;

/** Slash commands. A comment is a command once: an edit is not a new command. */
export const commandShape = defineJobShape({
  kind: "command",
  schema: CommandJobSchema,
  identity: (job) => [job.repository.repoId, job.commentId],
  group: (job) => pullRequestGroup(job.repository.repoId, job.pullNumber),
});
