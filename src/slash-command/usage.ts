import type { Command, CommandName } from "./command";
import { COMMAND_WORDS, SHARE_DAYS } from "./command-arguments";
import { DEFAULT_GUARDED_ENVIRONMENT } from "../model/environment-name";
import { inlineCode } from "./inline-code";

/** How each command is written, and what it does, in the order `/help` lists them. */
const COMMANDS: Record<CommandName, { syntax: string; summary: string }> = {
  deploy: {
    syntax: "/deploy [environment]",
    summary: "deploy this pull request's head commit (default: the first non-production environment)",
  },
  rollback: {
    syntax: "/rollback [environment] [to <sha>]",
    summary: `point the environment (default: ${DEFAULT_GUARDED_ENVIRONMENT}) back at an earlier build: the given commit, or the one deployed before the current one`,
  },
  preview: {
    syntax: "/preview",
    summary: "deploy this pull request's preview again; for a pull request from a fork, a maintainer's /preview approves it",
  },
  "preview-destroy": { syntax: "/preview destroy", summary: "tear down this pull request's preview" },
  "preview-share": {
    syntax: "/preview share [days]",
    summary: `get a link that opens this pull request's preview, without a GitHub account, for ${SHARE_DAYS.default} days (at most ${SHARE_DAYS.max})`,
  },
  "preview-unshare": { syntax: "/preview unshare", summary: "revoke every share link of this pull request's preview" },
  lock: {
    syntax: "/lock [environment] [reason]",
    summary: `lock the environment (default: ${DEFAULT_GUARDED_ENVIRONMENT}) so that only you can deploy or roll it back; the reason is shown to anyone refused`,
  },
  unlock: { syntax: "/unlock [environment]", summary: `release the environment's lock (default: ${DEFAULT_GUARDED_ENVIRONMENT}; its holder, or a repository admin)` },
  status: { syntax: "/status", summary: "show what is deployed where, and which environments are locked" },
  help: { syntax: "/help", summary: "show the commands and this repository's environments" },
};

const ORDER = Object.keys(COMMANDS) as CommandName[];

/** One line per command: how it is written, then what it does. */
export const USAGE: Record<CommandName, string> = Object.fromEntries(
  ORDER.map((name) => [name, `${COMMANDS[name].syntax} — ${COMMANDS[name].summary}`]),
) as Record<CommandName, string>;

/** One environment of the repository's configuration, as `/help` describes it. */
export interface HelpEnvironment {
  name: string;
  /** Least repository permission needed to `/deploy` and `/rollback` here. */
  permission: string;
  /** A push to this branch deploys the environment. */
  branch?: string;
  requireChecks: boolean;
}

/**
 * The markdown that answers `/help`: every command, the repository's environments with who may
 * deploy to each, and how locks work. User-controlled names are shown as code so they cannot
 * add markup or mention anyone.
 */
export function helpText(input: { environments: HelpEnvironment[]; defaultDeployEnvironment: string }): string {
  const commands = ORDER.map((name) => {
    const { syntax, summary } = COMMANDS[name];
    const text = name === "deploy" ? `deploy this pull request's head commit (default: ${inlineCode(input.defaultDeployEnvironment)})` : summary;
    return `| ${codeCell(syntax)} | ${capitalize(text).replace(/\|/g, "\\|")} |`;
  });
  const environments = input.environments.map(
    (environment) =>
      `| ${codeCell(environment.name)} | ${codeCell(environment.permission)} | ${
        environment.branch === undefined ? "—" : `push to ${codeCell(environment.branch)}`
      } | ${environment.requireChecks ? "required" : "not required"} |`,
  );
  const unlisted =
    environments.length === 0
      ? "This repository configures no environments: anyone with `write` permission may deploy to any environment name."
      : "Environments not listed here may be deployed by anyone with `write` permission.";
  return [
    "### Slipway commands",
    "",
    "Write a command as the first line of a comment on this pull request. Commands in quotes or code blocks are ignored.",
    "",
    "| command | what it does |",
    "| --- | --- |",
    ...commands,
    "",
    "### Environments",
    "",
    ...(environments.length === 0
      ? []
      : [
          "| environment | who may /deploy and /rollback | deploys automatically on | passing checks |",
          "| --- | --- | --- | --- |",
          ...environments,
          "",
        ]),
    unlisted,
    "",
    "### Locks",
    "",
    "`/lock <environment> <reason>` reserves an environment: until it is unlocked, only the person who locked it can deploy or roll it back, and anyone else is told who holds the lock and why. Locking it again changes the reason. `/unlock <environment>` releases it; only the holder or a repository admin can unlock.",
    "",
    "### Share links",
    "",
    `Previews of a private repository open only for people who can read it (they sign in with GitHub). \`/preview share [days]\` (write permission) answers with a link that opens this pull request's preview, and nothing else, to anyone who has it, for ${SHARE_DAYS.default} days unless you give another number (at most ${SHARE_DAYS.max}). \`/preview unshare\` revokes every link of the preview at once.`,
  ].join("\n");
}

/**
 * The markdown that answers a command that could not be read: what was typed, what is wrong with
 * it, and how the command is written (every command when the word itself was not one).
 */
export function invalidCommandReply(command: Extract<Command, { name: "invalid" }>): string {
  const typed = /^\/([A-Za-z]+)/.exec(command.input)?.[1]?.toLowerCase();
  const known = COMMAND_WORDS.find((word) => word === typed);
  const names: CommandName[] = known === undefined ? ORDER : known === "preview" ? ["preview", "preview-destroy", "preview-share", "preview-unshare"] : [known];
  return [
    `Could not run ${inlineCode(command.input)}: ${command.problem}`,
    "",
    known === undefined ? "The commands are:" : "Usage:",
    "",
    ...names.map((name) => `- ${inlineCode(COMMANDS[name].syntax)} — ${COMMANDS[name].summary}`),
    "",
    "Comment `/help` for every command and this repository's environments.",
  ].join("\n");
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Code in a table cell: a pipe would end the cell early (git allows `|` in branch names), even inside code. */
function codeCell(text: string): string {
  return inlineCode(text).replace(/\|/g, "\\|");
}
