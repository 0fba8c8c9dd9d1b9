import { createHmac, randomUUID } from "node:crypto";
import { EventEmitter, once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { readBody } from "./read-body";
import { DeliverySender } from "./stand-in/delivery-sender";
import { APP_ROUTES } from "./stand-in/app-routes";
import { CHECK_ROUTES } from "./stand-in/check-routes";
import { DEPLOYMENT_ROUTES } from "./stand-in/deployment-routes";
import { DOWNLOAD_ROUTES } from "./stand-in/download-routes";
import { GITHUB_LIMITS, InstallationLimits, type LimitSettings } from "./stand-in/installation-limits";
import { GIT_ROUTES } from "./stand-in/git-routes";
import { ISSUE_ROUTES } from "./stand-in/issue-routes";
import { PULL_ROUTES } from "./stand-in/pull-routes";
import { GitHubModel } from "./stand-in/model";
import { REPOSITORY_ROUTES } from "./stand-in/repository-routes";
import type { Caller, DeliveryRecord, Route, RouteAnswer, RouteContext, StandInEvents } from "./stand-in/route";

/** The REST API's root below the stand-in's address, as on GitHub Enterprise Server (`GHE_HOST`). */
const API_PREFIX = "/api/v3";

export interface StandInOptions {
  /** A fixed delay (ms) before every answer; default 0: GitHub answering at once. */
  latencyMs?: number;
  limits?: LimitSettings;
  /** Where a request the stand-in has no route for is reported; default stderr. */
  log?: (line: string) => void;
  /**
   * A benchmark's own routes, tried after the stand-in's: `api` under the API root, `host` on
   * the stand-in's other hosts (downloads), e.g. the Actions artifact routes of `bench:artifact --delivery`.
   */
  routes?: { api?: Route[]; host?: Route[] };
}

/** One request the stand-in answered. `at` is `performance.now()` when it arrived. */
export interface RecordedRequest {
  method: string;
  /** `POST /repos/{owner}/{repo}/check-runs`, or `GET /unknown/path` when no route matched. */
  route: string;
  path: string;
  status: number;
  at: number;
  caller: Caller["kind"];
  installationId?: number;
  /** POST, PATCH, PUT or DELETE to the API: what GitHub's secondary limits count. */
  contentCreating: boolean;
  kind: "api" | "download" | "unknown";
  /** Set when the stand-in refused the request for going over a limit. */
  limited?: "secondary" | "primary";
}

export interface DeploymentStatusSeen {
  owner: string;
  repo: string;
  environment: string;
  sha: string;
  state: string;
  at: number;
}

export interface Acknowledgement {
  status: number;
  /** From sending the request to the end of the answer, ms. */
  ms: number;
  deliveryId: string;
}

export interface GitHubStandIn {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** For GHE_HOST: `127.0.0.1:<port>` (with GHE_PROTOCOL=http). */
  host: string;
  model: GitHubModel;
  requests: RecordedRequest[];
  /** `METHOD path` of every request no route matched. */
  unknownRoutes: string[];
  deploymentStatuses: DeploymentStatusSeen[];
  /** Resolves with the `performance.now()` of the first matching Deployment status (seen before or after the call), or undefined after `timeoutMs`. */
  waitForDeploymentStatus(match: (status: DeploymentStatusSeen) => boolean, timeoutMs: number): Promise<number | undefined>;
  /**
   * Where deliveries go, with the webhook secret to sign them with. Each target is an app of its
   * own: its deliveries log (`GET /app/hook/deliveries`) starts empty, so a fresh runtime never
   * reconciles deliveries meant for an earlier one.
   */
  setWebhook(target: { url: string; secret: string }): void;
  /** Sends a webhook delivery as GitHub does (signed, with its headers) and records it for `GET /app/hook/deliveries`. */
  deliver(event: string, payload: object): Promise<Acknowledgement>;
  close(): Promise<void>;
}

type CompiledRoute = Route & { pattern: RegExp; names: string[] };

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.template.replace(/[.*?^$()|[\]\\]/g, "\\$&").replace(/\{(\w+)(\+?)\}/g, (_match, name: string, rest: string) => {
    names.push(name);
    return rest ? "(.+)" : "([^/]+)";
  });
  return { ...route, pattern: new RegExp(`^${source}$`), names };
}

const API_ROUTES = [...APP_ROUTES, ...REPOSITORY_ROUTES, ...CHECK_ROUTES, ...DEPLOYMENT_ROUTES, ...ISSUE_ROUTES, ...GIT_ROUTES, ...PULL_ROUTES].map(compile);
const HOST_ROUTES = DOWNLOAD_ROUTES.map(compile);

function callerOf(authorization: string | undefined, model: GitHubModel): Caller {
  const [scheme = "", credential = ""] = (authorization ?? "").split(" ");
  if (/^bearer$/i.test(scheme) && /^[\w-]+\.[\w-]+\.[\w-]+$/.test(credential)) return { kind: "app" };
  const installationId = /^(token|bearer)$/i.test(scheme) ? model.tokenInstallation(credential) : undefined;
  return installationId === undefined ? { kind: "anonymous" } : { kind: "installation", installationId };
}

function send(response: ServerResponse, answer: RouteAnswer, headers: Record<string, string>): void {
  const base: Record<string, string> = { "x-github-request-id": randomUUID().toUpperCase(), "x-github-api-version-selected": "2022-11-28", ...headers };
  if (answer.raw !== undefined) {
    response.writeHead(answer.status, { ...base, ...answer.headers });
    response.end(answer.raw);
    return;
  }
  const body = answer.body === undefined ? "" : JSON.stringify(answer.body);
  response.writeHead(answer.status, { "content-type": "application/json; charset=utf-8", "x-github-media-type": "github.v3; format=json", ...base, ...answer.headers });
  response.end(body);
}

/**
 * A GitHub for benchmarks: a real HTTP server on loopback that answers every REST call
 * Slipway's jobs make, from recorded answer shapes and in-memory state, under GitHub
 * Enterprise's `/api/v3` root so Slipway reaches it through GHE_HOST. It records every request,
 * holds each installation to GitHub's secondary limits and hourly quota, answers what it does
 * not know with 404 (and reports it), and sends webhook deliveries as GitHub does.
 */
export async function startGitHubStandIn(options: StandInOptions = {}): Promise<GitHubStandIn> {
  const latencyMs = options.latencyMs ?? 0;
  const apiRoutes = [...API_ROUTES, ...(options.routes?.api ?? []).map(compile)];
  const hostRoutes = [...HOST_ROUTES, ...(options.routes?.host ?? []).map(compile)];
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const model = new GitHubModel();
  const limits = new InstallationLimits(options.limits ?? GITHUB_LIMITS);
  const requests: RecordedRequest[] = [];
  const unknownRoutes: string[] = [];
  const deploymentStatuses: DeploymentStatusSeen[] = [];
  const seen = new EventEmitter();
  const deliveries: Array<DeliveryRecord & { body: string; headers: Record<string, string> }> = [];
  let webhook: { url: string; secret: string } | undefined;
  let lastDeliveryId = 90_000_000_000;
  let origin = "";
  const sender = new DeliverySender();

  const emit: StandInEvents = {
    deploymentStatus(event) {
      deploymentStatuses.push(event);
      seen.emit("deployment-status", event);
    },
  };

  async function post(event: string, body: string, guid: string, redelivery: boolean): Promise<Acknowledgement> {
    if (!webhook) throw new Error("No webhook URL: call setWebhook() before deliver().");
    const payload = JSON.parse(body) as { action?: string; installation?: { id?: number }; repository?: { id?: number } };
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "user-agent": "GitHub-Hookshot/bench",
      "x-github-event": event,
      "x-github-delivery": guid,
      "x-github-hook-id": "1",
      "x-github-hook-installation-target-type": "integration",
      "x-github-hook-installation-target-id": "4242",
      "x-hub-signature": `sha1=${createHmac("sha1", webhook.secret).update(body).digest("hex")}`,
      "x-hub-signature-256": `sha256=${createHmac("sha256", webhook.secret).update(body).digest("hex")}`,
    };
    const { status, ms } = await sender.send(webhook.url, headers, body);
    deliveries.push({
      id: ++lastDeliveryId,
      guid,
      deliveredAt: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
      redelivery,
      duration: ms / 1000,
      statusCode: status,
      event,
      action: payload.action ?? null,
      installationId: payload.installation?.id ?? null,
      repositoryId: payload.repository?.id ?? null,
      body,
      headers,
    });
    return { status, ms, deliveryId: guid };
  }

  const context: RouteContext = {
    model,
    emit,
    deliveries: () => deliveries,
    redeliver(deliveryId) {
      const original = deliveries.find((delivery) => delivery.id === deliveryId);
      if (!original) return false;
      void post(original.event, original.body, original.guid, true);
      return true;
    },
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const at = performance.now();
    const url = new URL(request.url ?? "/", origin);
    const method = request.method ?? "GET";
    const isApi = url.pathname === API_PREFIX || url.pathname.startsWith(`${API_PREFIX}/`);
    const path = isApi ? url.pathname.slice(API_PREFIX.length) || "/" : url.pathname;
    const raw = await readBody(request);
    const caller = callerOf(request.headers.authorization, model);
    const record: RecordedRequest = {
      method,
      route: `${method} ${path}`,
      path,
      status: 0,
      at,
      caller: caller.kind,
      ...(caller.kind === "installation" ? { installationId: caller.installationId } : {}),
      contentCreating: isApi && method !== "GET" && method !== "HEAD",
      kind: isApi ? "api" : "download",
    };
    requests.push(record);

    const finish = async (answer: RouteAnswer, headers: Record<string, string> = {}) => {
      if (latencyMs > 0) await sleep(latencyMs);
      record.status = answer.status;
      send(response, answer, headers);
    };

    let params: Record<string, string> = {};
    const route = (isApi ? apiRoutes : hostRoutes).find((candidate) => {
      if (candidate.method !== method) return false;
      const match = candidate.pattern.exec(path);
      if (!match) return false;
      params = Object.fromEntries(candidate.names.map((name, index) => [name, decodeURIComponent(match[index + 1] ?? "")]));
      return true;
    });
    if (!route) {
      record.kind = "unknown";
      unknownRoutes.push(`${method} ${url.pathname}`);
      log(`GitHub stand-in: no route for ${method} ${url.pathname}; answered 404`);
      return finish({ status: 404, body: { message: `Not Found (the GitHub stand-in has no route for ${method} ${path})`, documentation_url: "https://docs.github.com/rest" } });
    }
    record.route = `${method} ${route.template}`;

    if (route.auth === "app" && caller.kind !== "app") return finish({ status: 401, body: { message: "A JSON web token could not be decoded" } });
    if (route.auth === "installation" && caller.kind !== "installation") return finish({ status: 401, body: { message: "Bad credentials" } });
    if (route.auth === "download") {
      const installationId = model.downloadTokenInstallation(url.searchParams.get("token"));
      if (installationId !== undefined) record.installationId = installationId;
    }

    let release = () => {};
    let limitHeaders: Record<string, string> = {};
    if (caller.kind === "installation" && route.auth === "installation") {
      const admission = limits.admit(caller.installationId, record.contentCreating);
      if (!admission.admitted) {
        record.limited = admission.reason;
        return finish(admission.answer);
      }
      release = admission.release;
      limitHeaders = admission.headers;
    }
    try {
      let body: unknown;
      if (raw.length > 0) {
        try {
          body = JSON.parse(raw.toString("utf8"));
        } catch {
          return await finish({ status: 400, body: { message: "Problems parsing JSON" } }, limitHeaders);
        }
      }
      const answer = await route.handle(
        { method, path, params, query: url.searchParams, body, accept: request.headers.accept ?? "", caller, origin, site: { api: `${origin}${API_PREFIX}` } },
        context,
      );
      await finish(answer, limitHeaders);
    } finally {
      release();
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log(`GitHub stand-in: ${request.method} ${request.url} failed: ${error instanceof Error ? error.stack : String(error)}`);
      if (!response.headersSent) send(response, { status: 500, body: { message: "Server Error" } }, {});
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: origin,
    host: `127.0.0.1:${port}`,
    model,
    requests,
    unknownRoutes,
    deploymentStatuses,
    waitForDeploymentStatus(match, timeoutMs) {
      const earlier = deploymentStatuses.find(match);
      if (earlier) return Promise.resolve(earlier.at);
      return new Promise((resolve) => {
        const listener = (event: DeploymentStatusSeen) => {
          if (!match(event)) return;
          clearTimeout(timer);
          seen.off("deployment-status", listener);
          resolve(event.at);
        };
        const timer = setTimeout(() => {
          seen.off("deployment-status", listener);
          resolve(undefined);
        }, timeoutMs);
        seen.on("deployment-status", listener);
      });
    },
    setWebhook(target) {
      webhook = target;
      deliveries.length = 0;
    },
    deliver(event, payload) {
      return post(event, JSON.stringify(payload), randomUUID(), false);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sender.close();
    },
  };
}
