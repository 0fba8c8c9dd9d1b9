import type { Octokit } from "../github/octokit";
import type { Redactor } from "./redactor";

/** Request options that are not the body: the route, headers and Octokit's own settings. */
const NOT_BODY = new Set(["method", "url", "baseUrl", "headers", "request", "mediaType"]);

/** The installation-token exchange: its body is the app's own, and its answer is the token. */
const TOKEN_EXCHANGE = /\/app\/installations\/[^/]+\/access_tokens$/;

/**
 * An Octokit plugin that masks opened secrets in the body of every request sent to GitHub's
 * API (comments, check-run output, deployment statuses, commit messages and file contents,
 * GraphQL variables), so nothing Slipway writes there can show one. Left alone: requests
 * without a body, the installation-token exchange, the route's own parameters (they fill the
 * URL), and bodies that are not text or plain data (an upload's buffer or stream).
 */
export function redactRequestBodies(redactor: Redactor) {
  return (octokit: Pick<Octokit, "hook">): void => {
    octokit.hook.before("request", (options) => {
      if (redactor.size === 0) return;
      const method = options.method.toUpperCase();
      if (method === "GET" || method === "HEAD") return;
      const url = String(options.url);
      if (TOKEN_EXCHANGE.test(url.split("?")[0] ?? "")) return;
      const fields: Record<string, unknown> = options;
      const routeParameters = urlTemplateNames(url);
      for (const [name, value] of Object.entries(fields)) {
        if (NOT_BODY.has(name) || routeParameters.has(name)) continue;
        if (typeof value === "string" || Array.isArray(value) || isPlainObject(value)) fields[name] = redactor.maskDeep(value);
      }
    });
  };
}

/** Names in a route's URL template: `/repos/{owner}/{repo}/releases/{release_id}/assets{?name,label}`. */
function urlTemplateNames(url: string): Set<string> {
  const names = [...url.matchAll(/\{[+#./;?&]?([^}]+)\}/g)].flatMap((match) =>
    (match[1] ?? "").split(",").map((name) => name.replace(/(\*|:\d+)$/, "")),
  );
  return new Set(names);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}
