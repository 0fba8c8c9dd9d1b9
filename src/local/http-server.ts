import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Logger } from "probot";
import { PUBLIC_KEY_PATH, type PublicKeyAnswer } from "../secrets/public-key-response";
import type { SiteRequest } from "../site/serve-site";
import type { SiteResponse } from "../site/site-response";
import { lowerCaseHeaders, type WebhookRequest, type WebhookResponse } from "../webhook/receive-webhook";

/** GitHub caps webhook payloads at 25 MB. */
const MAX_BODY_BYTES = 25 * 1024 * 1024;

export interface LocalRoutes {
  webhookPath: string;
  webhook(request: WebhookRequest): Promise<WebhookResponse>;
  /** Path of SITE_BASE_URL, e.g. `/sites`. */
  sitePath: string;
  /** SITE_DOMAIN: every request for a host under it is a site's, whatever its path. */
  siteDomain?: string;
  /** A site request, with its whole path (the site server knows both forms). */
  site(request: SiteRequest): Promise<SiteResponse>;
  /** `GET /api/slipway/public-key`: the key that seals secrets. */
  publicKey(request: { method: string; ifNoneMatch?: string | undefined }): PublicKeyAnswer;
  log: Logger;
}

class BodyTooLargeError extends Error {
  override name = "BodyTooLargeError";
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError("request body over 25 MB");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function send(response: ServerResponse, status: number, headers: Record<string, string | string[]>, body: Buffer | string): void {
  response.writeHead(status, headers);
  response.end(body);
}

/** The one local HTTP server: the webhook endpoint, the site server and the public key, as on AWS. */
export function createLocalServer(routes: LocalRoutes): Server {
  return createServer((request, response) => {
    handle(routes, request, response).catch((error: unknown) => {
      routes.log.error({ err: error, url: request.url }, "request failed");
      if (!response.headersSent) send(response, 500, { "content-type": "text/plain" }, "Internal error\n");
      else response.destroy();
    });
  });
}

/** Whether the `Host` is an environment's own origin under SITE_DOMAIN (the port is compared when the domain names one). */
function isSiteHost(host: string | undefined, domain: string | undefined): boolean {
  if (!host || !domain) return false;
  const name = (domain.includes(":") ? host : host.replace(/:\d+$/, "")).toLowerCase();
  return name.endsWith(`.${domain}`);
}

async function handle(routes: LocalRoutes, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? "/", "http://localhost");
  const method = request.method ?? "GET";
  const siteHost = isSiteHost(request.headers.host, routes.siteDomain);
  if (!siteHost && url.pathname === routes.webhookPath) {
    if (method !== "POST") return send(response, 405, { allow: "POST", "content-type": "text/plain" }, "Webhook deliveries are POSTed.\n");
    let body: string;
    try {
      body = await readBody(request);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return send(response, 413, { "content-type": "text/plain" }, "Payload too large.\n");
      throw error;
    }
    const result = await routes.webhook({ headers: lowerCaseHeaders(request.headers), body });
    return send(response, result.statusCode, { "content-type": "application/json" }, result.body);
  }
  if (siteHost || url.pathname === routes.sitePath || url.pathname.startsWith(`${routes.sitePath}/`)) {
    const ifNoneMatch = request.headers["if-none-match"];
    const site = await routes.site({
      method,
      host: request.headers.host,
      path: url.pathname,
      query: url.search.slice(1) || undefined,
      cookie: request.headers.cookie,
      ifNoneMatch: Array.isArray(ifNoneMatch) ? ifNoneMatch.join(", ") : ifNoneMatch,
    });
    return send(response, site.status, site.cookies?.length ? { ...site.headers, "Set-Cookie": site.cookies } : site.headers, site.body);
  }
  if (url.pathname === PUBLIC_KEY_PATH) {
    const ifNoneMatch = request.headers["if-none-match"];
    const answer = routes.publicKey({ method, ifNoneMatch: Array.isArray(ifNoneMatch) ? ifNoneMatch.join(", ") : ifNoneMatch });
    return send(response, answer.statusCode, answer.headers, answer.body);
  }
  if (url.pathname === "/ping") return send(response, 200, { "content-type": "text/plain" }, "PONG");
  return send(response, 404, { "content-type": "text/plain" }, `Not found. Webhooks: POST ${routes.webhookPath}; sites: ${routes.sitePath}/<owner>/<repo>/<environment>/\n`);
}
