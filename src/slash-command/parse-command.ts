import type { Command } from "./command";
import { COMMAND_WORDS, cleanWord, parseArguments, type CommandWord } from "./command-arguments";
import { closestCommandWord } from "./closest-command-word";
import { commandLine } from "./command-line";
import { inlineCode } from "./inline-code";
import { truncate } from "./truncate";

const INPUT_MAX_LENGTH = 200;
/** Directly after the word, these make it part of something longer: `/deploy-docs`, `/help/faq`, `/lock2`. */
const CONTINUES_WORD = /^[\p{L}\p{N}_\-/\\@#]/u;
/** Punctuation after an unknown word that still leaves it a candidate typo: `/stauts?`. */
const SENTENCE_PUNCTUATION = /^[.,:;!?]*$/;

/**
 * Reads the slash command in a pull request comment. Only the first non-blank line counts, and
 * only when it starts with `/` and a command word (any case) and is not quoted or code.
 *
 * Returns undefined for ordinary comments, including ones that start with a slash word that is
 * not a command (`/shrug`, `/cc @someone`, `/usr/bin`), and `{ name: "invalid" }` when the line
 * is meant as a command but cannot be run: bad or extra arguments, or a near miss of a command
 * word (`/deplyo`), with a problem sentence for the reply.
 */
export function parseCommand(body: string): Command | undefined {
  const line = commandLine(body);
  if (line === undefined || !line.startsWith("/")) return undefined;
  const space = line.indexOf(" ");
  const head = cleanWord(space === -1 ? line : line.slice(0, space));
  const rest = space === -1 ? "" : line.slice(space + 1);
  const match = /^\/([A-Za-z]+)(.*)$/.exec(head);
  const typed = match?.[1];
  const suffix = match?.[2] ?? "";
  if (typed === undefined || CONTINUES_WORD.test(suffix)) return undefined;
  const input = truncate(line, INPUT_MAX_LENGTH);
  const word = typed.toLowerCase();

  if (!isCommandWord(word)) {
    const suggestion = SENTENCE_PUNCTUATION.test(suffix) ? closestCommandWord(word, COMMAND_WORDS) : undefined;
    if (suggestion === undefined) return undefined;
    return { name: "invalid", input, problem: `Unknown command ${inlineCode(`/${typed}`)} — did you mean ${inlineCode(`/${suggestion}`)}?` };
  }
  // One final period is allowed, as after the last argument: `/status.`.
  if (suffix === "" || (suffix === "." && rest === "") || word === "help") return parseArguments(word, rest, input);
  return {
    name: "invalid",
    input,
    problem: `Unexpected ${inlineCode(truncate(suffix, 20))} after ${inlineCode(`/${word}`)}: separate the command from its arguments with a space.`,
  };
}

function isCommandWord(word: string): word is CommandWord {
  return (COMMAND_WORDS as readonly string[]).includes(word);
}
