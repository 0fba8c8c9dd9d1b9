/**
 * Removes a short-lived download URL, and every value of its query (where GitHub puts the
 * token that grants access), from a message before it is logged or shown.
 */
export function redactDownloadUrl(message: string, location: string, replacement: string): string {
  let safe = message.split(location).join(replacement);
  for (const value of new URL(location).searchParams.values()) if (value) safe = safe.split(value).join("[redacted]");
  return safe;
}
