/**
 * Replaces every opened secret, as is and URL-encoded, with `***`. Applied to any text a
 * destination answered before it goes into a message or a log line.
 */
export function redactSecrets(text: string, secrets: Readonly<Record<string, string>>): string {
  let safe = text;
  for (const value of Object.values(secrets)) {
    // A very short value would blank out ordinary words; real credentials are long.
    if (value.length < 4) continue;
    for (const form of new Set([value, encodeURIComponent(value)])) safe = safe.split(form).join("***");
  }
  return safe;
}
