import { defineJobKind } from "../job-kind";
import { pullRequestGroup } from "../job-groups";
import { CommandJobSchema } from "./command-job";
import { reportCommandError, runCommand } from "./run-command";

/** Slash commands. A comment is a command once: an edit is not a new command. */
export const commandKind = defineJobKind({
  kind: "command",
  schema: CommandJobSchema,
  identity: (job) => [job.repository.repoId, job.commentId],
  group: (job) => pullRequestGroup(job.repository.repoId, job.pullNumber),
  run: runCommand,
  reportGaveUp: reportCommandError,
});
