import type { Redactor } from "../secrets/redactor";
import { secretRedactor } from "../secrets/secret-redactor";

/**
 * A failure's message, fit to show on a pull request: one line, bounded, with every opened
 * secret masked (before it is cut, so no piece of one is left) and anything else that looks
 * like a credential or signed URL removed (Octokit errors can quote request URLs).
 */
export function safeErrorMessage(error: unknown, redactor: Redactor = secretRedactor): string {
  const raw = redactor.mask(error instanceof Error ? error.message : String(error));
  const firstLine = raw.split("\n")[0] ?? "";
  const redacted = firstLine
    .replace(/https?:\/\/\S+/g, "<url>")
    .replace(/\b(gh[opsu]_[A-Za-z0-9]{20,}|v1\.[0-9a-f]{40})\b/g, "<token>")
    .replace(/(token|signature|key|secret|password)=\S+/gi, "$1=<redacted>");
  const status = typeof error === "object" && error !== null && "status" in error ? ` (HTTP ${String(error.status)})` : "";
  const message = `${redacted}${status}`.trim() || "unknown error";
  return message.length > 300 ? `${message.slice(0, 297)}...` : message;
}
