// Colour codes and cursor moves that build tools write to terminals; Markdown shows them as noise.
// eslint-disable-next-line no-control-regex
const ANSI_ESCAPE = /\u001b\[[0-9;?]*[A-Za-z]/g;

/**
 * The last `maxLines` lines of a build log, readable in a check run: terminal escapes are
 * removed, a progress line redrawn with `\r` shows only its final state, and a first line says
 * how many earlier lines were left out.
 */
export function logTail(log: string, maxLines = 40): string {
  const lines = log
    .replace(ANSI_ESCAPE, "")
    .replace(/\r\n/g, "\n")
    .split("\n")
    .map((line) => line.slice(line.lastIndexOf("\r") + 1));
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  if (lines.length <= maxLines) return lines.join("\n");
  const omitted = lines.length - maxLines;
  return [`… ${omitted} earlier line${omitted === 1 ? "" : "s"} not shown`, ...lines.slice(-maxLines)].join("\n");
}
