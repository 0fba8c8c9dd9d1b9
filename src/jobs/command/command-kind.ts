import { defineJobKind } from "../job-kind";
import { commandShape } from "./command-job";
import { reportCommandError, runCommand } from "./run-command";

export const commandKind = defineJobKind(commandShape, { run: runCommand, reportGaveUp: reportCommandError });
