import type { Command } from "./command";
import { ENVIRONMENT_NAME_PATTERN, PREVIEW_ENVIRONMENT_PATTERN } from "../model/environment-name";
import { inlineCode } from "./inline-code";
import { truncate } from "./truncate";

/** The words that follow `/` in a slash command, in the order `/help` lists them. */
export const COMMAND_WORDS = ["deploy", "rollback", "preview", "lock", "unlock", "status", "help"] as const;
export type CommandWord = (typeof COMMAND_WORDS)[number];

type ValidCommand = Exclude<Command, { name: "invalid" }>;
/** A parsed command, or one sentence saying what is wrong with the arguments. */
type Parsed = ValidCommand | string;

const SHA = /^[0-9a-f]{7,40}$/i;
/** How long a share link lasts: by default, and at most. */
export const SHARE_DAYS = { default: 7, max: 30 } as const;
const REASON_MAX_LENGTH = 200;
/** Joiners glue emoji together, so they are removed only where no emoji can be meant. */
const JOINERS = /[\u200c\u200d]/g;
/** A word made only of emoji, flags and their modifiers: decoration such as `/deploy staging 🚀`. */
const DECORATION = /^[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\ufe0f\u20e3]+$/u;

/** Removes characters that cannot belong to a command word, environment or SHA. */
export function cleanWord(word: string): string {
  return word.replace(JOINERS, "");
}

/**
 * Reads the arguments that follow a known command word (`rest`: the line after it, spaces
 * already normalized). Returns the command, or the `invalid` command carrying `input` (the line
 * as typed) and the problem found.
 */
export function parseArguments(word: CommandWord, rest: string, input: string): Command {
  const parsed = PARSERS[word](rest);
  return typeof parsed === "string" ? { name: "invalid", input, problem: parsed } : parsed;
}

const PARSERS: Record<CommandWord, (rest: string) => Parsed> = {
  deploy(rest) {
    const [environment, extra] = words(rest);
    if (extra !== undefined) return unexpected(extra, "`/deploy` takes at most one environment");
    if (environment === undefined) return { name: "deploy" };
    const problem = checkEnvironment(environment, "deploy");
    return problem ?? { name: "deploy", environment };
  },

  rollback(rest) {
    const args = words(rest);
    const command: Extract<ValidCommand, { name: "rollback" }> = { name: "rollback" };
    let next = 0;
    const first = args[0];
    if (first !== undefined && first.toLowerCase() !== "to") {
      const problem = checkEnvironment(first, "rollback");
      if (problem) return problem;
      command.environment = first;
      next = 1;
    }
    const keyword = args[next];
    if (keyword !== undefined) {
      if (keyword.toLowerCase() !== "to") return unexpected(keyword, "`/rollback` expects `[environment] [to <sha>]`");
      const sha = args[next + 1];
      if (sha === undefined) return "`to` needs a commit SHA after it, as in `/rollback production to abc1234`.";
      if (!SHA.test(sha)) return `${quote(sha)} is not a commit SHA: use 7 to 40 hexadecimal characters, as in \`abc1234\`.`;
      command.to = sha.toLowerCase();
      next += 2;
    }
    const extra = args[next];
    return extra === undefined ? command : unexpected(extra, "`/rollback` expects `[environment] [to <sha>]`");
  },

  preview(rest) {
    const [action, argument, extra] = words(rest);
    if (action === undefined) return { name: "preview" };
    switch (action.toLowerCase()) {
      case "destroy":
        return argument === undefined ? { name: "preview-destroy" } : unexpected(argument, "`/preview destroy` takes no arguments");
      case "unshare":
        return argument === undefined ? { name: "preview-unshare" } : unexpected(argument, "`/preview unshare` takes no arguments");
      case "share":
        if (extra !== undefined) return unexpected(extra, "`/preview share` takes at most a number of days");
        return argument === undefined ? { name: "preview-share" } : shareDays(argument);
      default:
        return unexpected(action, "`/preview` takes no arguments except `destroy`, `share [days]` and `unshare`");
    }
  },

  lock(rest) {
    const [environment, extra] = words(rest);
    if (environment === undefined) return { name: "lock" };
    const problem = checkEnvironment(environment, "lock");
    if (problem) return problem;
    if (extra === undefined) return { name: "lock", environment };
    // The reason is free text kept as typed (emoji and final punctuation included).
    const reason = rest.trim().replace(/^\S+\s*/, "");
    return { name: "lock", environment, reason: truncate(reason, REASON_MAX_LENGTH) };
  },

  unlock(rest) {
    const [environment, extra] = words(rest);
    if (extra !== undefined) return unexpected(extra, "`/unlock` takes at most one environment");
    if (environment === undefined) return { name: "unlock" };
    return checkEnvironment(environment, "unlock") ?? { name: "unlock", environment };
  },

  status(rest) {
    const [extra] = words(rest);
    return extra === undefined ? { name: "status" } : unexpected(extra, "`/status` takes no arguments");
  },

  // Someone asking for help is answered whatever they add (`/help me`, `/help deploy`).
  help: () => ({ name: "help" }),
};

/**
 * The words of the arguments, without trailing emoji and with one final period removed, so
 * `/deploy staging.` and `/deploy staging 🚀` mean `/deploy staging`.
 */
function words(rest: string): string[] {
  const list = rest.split(" ").map(cleanWord).filter((word) => word !== "");
  while (list.length > 0 && DECORATION.test(list[list.length - 1] ?? "")) list.pop();
  const last = list.pop();
  if (last !== undefined) {
    const trimmed = last.endsWith(".") ? last.slice(0, -1) : last;
    if (trimmed !== "") list.push(trimmed);
  }
  return list;
}

function checkEnvironment(name: string, command: "deploy" | "rollback" | "lock" | "unlock"): string | undefined {
  if (!ENVIRONMENT_NAME_PATTERN.test(name)) {
    return `${quote(name)} is not an environment name: names start with a letter or digit and use only letters, digits, \`.\`, \`_\` and \`-\` (63 characters at most).`;
  }
  if (command !== "deploy" && command !== "rollback") return undefined;
  if (PREVIEW_ENVIRONMENT_PATTERN.test(name)) {
    return `${quote(name)} is a pull request preview, which \`/${command}\` does not handle: use \`/preview\` to deploy this pull request's preview.`;
  }
  // Nobody names an environment like a commit, but people do try to deploy one by its SHA.
  if (SHA.test(name) && /\d/.test(name)) {
    return `${quote(name)} looks like a commit SHA, not an environment: to go back to a commit, write \`/rollback <environment> to ${name.toLowerCase()}\`.`;
  }
  return undefined;
}

/** `/preview share 14`: whole days, 1 to 30 (`14d` is read as 14 too). */
function shareDays(argument: string): Parsed {
  const days = /^(\d{1,3})d?$/i.exec(argument)?.[1];
  const value = days === undefined ? NaN : Number(days);
  if (!Number.isInteger(value) || value < 1 || value > SHARE_DAYS.max) {
    return `${quote(argument)} is not a number of days: \`/preview share\` takes 1 to ${SHARE_DAYS.max} days (default ${SHARE_DAYS.default}), as in \`/preview share 14\`.`;
  }
  return { name: "preview-share", days: value };
}

function unexpected(word: string, expectation: string): string {
  return `${expectation}; ${quote(word)} is unexpected.`;
}

/** User input inside a problem sentence: short, and unable to break the markdown around it. */
function quote(text: string): string {
  return inlineCode(truncate(text, 40));
}
