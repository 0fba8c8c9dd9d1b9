/**
 * Shortens text to at most `max` characters, ending in "…" when it was cut. Counts code points
 * so an emoji is never split into half a surrogate pair.
 */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}
