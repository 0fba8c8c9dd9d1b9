import type { IncomingMessage } from "node:http";

/**
 * The address the setup page was opened at, as the browser saw it: a reverse proxy's or
 * tunnel's forwarded host and protocol when present.
 */
export function requestBaseUrl(request: IncomingMessage): string {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.split(",")[0]?.trim() || undefined;
  const encrypted = "encrypted" in request.socket && request.socket.encrypted === true;
  const protocol = first(request.headers["x-forwarded-proto"]) ?? (encrypted ? "https" : "http");
  const host = first(request.headers["x-forwarded-host"]) ?? request.headers.host ?? "localhost";
  return `${protocol}://${host}`;
}
