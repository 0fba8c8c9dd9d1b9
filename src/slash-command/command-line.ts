/** Characters nobody can see and nobody means as part of a command. */
const INVISIBLE = /[\u200b\u2060\ufeff\u00ad]/g;

/**
 * The line of a comment that may hold a slash command: its first non-blank line, with every
 * kind of space (tabs, non-breaking and other unicode spaces) turned into one plain space and
 * invisible characters removed. Undefined when the comment is blank or that line is indented
 * code, because a pasted command is being talked about, not given. (Quotes and fences need no
 * check here: a line opening one starts with `>`, ``` or `~~~`, never with a command.)
 */
export function commandLine(body: string): string | undefined {
  const line = firstNonBlankLine(body);
  if (line === undefined || isIndentedCode(line)) return undefined;
  return line.replace(/\s+/g, " ").trim();
}

function firstNonBlankLine(body: string): string | undefined {
  // Walks line by line instead of splitting, so a huge comment costs only its first lines.
  const breaks = /\r\n|\r|\n/g;
  let start = 0;
  for (;;) {
    const match = breaks.exec(body);
    const line = body.slice(start, match ? match.index : body.length).replace(INVISIBLE, "");
    if (line.trim() !== "") return line;
    if (!match) return undefined;
    start = breaks.lastIndex;
  }
}

/** Indented four columns or more (a tab reaching the next multiple of four), as CommonMark counts. */
function isIndentedCode(line: string): boolean {
  let columns = 0;
  for (const char of line) {
    if (char === " ") columns += 1;
    else if (char === "\t") columns += 4 - (columns % 4);
    else break;
    if (columns >= 4) return true;
  }
  return false;
}
