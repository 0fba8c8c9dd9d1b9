/**
 * Renders text as a markdown code span that no backtick in it can close early, so user input
 * quoted in a reply shows as typed and cannot mention anyone or inject markup.
 */
export function inlineCode(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  // CommonMark strips one space from each side, which lets a span start or end with a backtick.
  const padded = text.startsWith("`") || text.endsWith("`") ? ` ${text} ` : text;
  return `${fence}${padded}${fence}`;
}
