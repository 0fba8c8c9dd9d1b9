import type { RecordedRequest } from "../github-stand-in";

const TOKEN_EXCHANGE = "POST /app/installations/{installation_id}/access_tokens";

function isTokenExchange(request: RecordedRequest): boolean {
  return request.route === TOKEN_EXCHANGE;
}

/**
 * The requests of one preview, counted by route in the order they first appeared, with the
 * totals with and without the token exchange and the archive download, so a reader sees exactly
 * what is counted.
 */
export function callsListing(calls: RecordedRequest[]): { summary: string; lines: string[] } {
  const byRoute = new Map<string, { count: number; request: RecordedRequest }>();
  for (const call of calls) {
    const entry = byRoute.get(call.route);
    if (entry) entry.count++;
    else byRoute.set(call.route, { count: 1, request: call });
  }
  const paths = [...byRoute.keys()].map((route) => route.split(" ")[1] ?? "");
  const width = Math.max(...paths.map((path) => path.length));
  const lines = [...byRoute].map(([route, { count, request }]) => {
    const [method = "", path = ""] = route.split(" ");
    const note = isTokenExchange(request) ? "token exchange (app JWT)" : request.kind === "download" ? "archive download (archive host)" : request.contentCreating ? "content-creating" : "";
    return `${String(count).padStart(6)}  ${method.padEnd(6)} ${path.padEnd(width)}  ${note}`.trimEnd();
  });
  const withoutToken = calls.filter((call) => !isTokenExchange(call));
  const apiOnly = withoutToken.filter((call) => call.kind !== "download");
  const writes = apiOnly.filter((call) => call.contentCreating).length;
  const summary = `${calls.length} requests in all; ${withoutToken.length} without the token exchange; ${apiOnly.length} without it and the archive download (${writes} of those content-creating)`;
  return { summary, lines };
}
