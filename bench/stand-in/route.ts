import type { z } from "zod";
import type { GitHubModel, Repository } from "./model";
import type { Site } from "./shapes";

/** Who made a request: an installation (by its token), the app (by its JWT), or nobody. */
export type Caller = { kind: "installation"; installationId: number } | { kind: "app" } | { kind: "anonymous" };

export interface RouteRequest {
  method: string;
  /** The path below the API root, without the query. */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  accept: string;
  caller: Caller;
  /** `http://127.0.0.1:<port>`: the stand-in's own address, for redirects. */
  origin: string;
  site: Site;
}

export interface RouteAnswer {
  status: number;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is (a raw file, an archive). */
  raw?: string | Buffer;
  headers?: Record<string, string>;
}

/** Events the benchmark waits on, as GitHub would show them to a person watching. */
export interface StandInEvents {
  deploymentStatus(event: { owner: string; repo: string; environment: string; sha: string; state: string; at: number }): void;
}

export interface RouteContext {
  model: GitHubModel;
  emit: StandInEvents;
  /** Re-sends a recorded webhook delivery (`POST /app/hook/deliveries/{id}/attempts`). */
  redeliver(deliveryId: number): boolean;
  deliveries(): DeliveryRecord[];
}

/** A webhook delivery as `GET /app/hook/deliveries` lists it. */
export interface DeliveryRecord {
  id: number;
  guid: string;
  deliveredAt: string;
  redelivery: boolean;
  duration: number;
  statusCode: number;
  event: string;
  action: string | null;
  installationId: number | null;
  repositoryId: number | null;
}

export interface Route {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** GitHub's route template, e.g. `/repos/{owner}/{repo}/pulls/{pull_number}`; `{path+}` spans slashes. */
  template: string;
  /** `installation`: an installation token; `app`: the app's JWT; `download`: a token in the query, as on GitHub's archive host. */
  auth: "installation" | "app" | "download";
  handle(request: RouteRequest, context: RouteContext): RouteAnswer | Promise<RouteAnswer>;
}

const DOCS = "https://docs.github.com/rest";

export function notFound(message = "Not Found"): RouteAnswer {
  return { status: 404, body: { message, documentation_url: DOCS, status: "404" } };
}

export function unprocessable(message: string): RouteAnswer {
  return { status: 422, body: { message, documentation_url: DOCS, status: "422" } };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): RouteAnswer {
  return { status, body, headers };
}

/** The repository named by the route, if the calling installation can see it (GitHub answers 404 otherwise). */
export function repositoryOf(request: RouteRequest, context: RouteContext): Repository | undefined {
  const repository = context.model.repository(request.params.owner ?? "", request.params.repo ?? "");
  if (!repository) return undefined;
  if (request.caller.kind !== "installation" || request.caller.installationId !== repository.installationId) return undefined;
  return repository;
}

/** The request body checked as GitHub checks it; a 422 answer when it does not fit. */
export function parseBody<T>(schema: z.ZodType<T>, request: RouteRequest): { ok: true; value: T } | { ok: false; answer: RouteAnswer } {
  const parsed = schema.safeParse(request.body ?? {});
  if (parsed.success) return { ok: true, value: parsed.data };
  const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`).join("; ");
  return { ok: false, answer: unprocessable(`Invalid request. ${problems}`) };
}

/** `per_page` (default 30, at most 100) and `page` (from 1), as GitHub pages lists. */
export function pageOf<T>(items: T[], request: RouteRequest): { items: T[]; link?: string } {
  const perPage = Math.min(100, Math.max(1, Number(request.query.get("per_page") ?? 30) || 30));
  const page = Math.max(1, Number(request.query.get("page") ?? 1) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  if (last === 1) return { items: slice };
  const at = (number: number) => {
    const query = new URLSearchParams(request.query);
    query.set("page", String(number));
    query.set("per_page", String(perPage));
    return `<${request.site.api}${request.path}?${query.toString()}>`;
  };
  const links: string[] = [];
  if (page > 1) links.push(`${at(page - 1)}; rel="prev"`, `${at(1)}; rel="first"`);
  if (page < last) links.push(`${at(page + 1)}; rel="next"`, `${at(last)}; rel="last"`);
  return { items: slice, link: links.join(", ") };
}

/** A JSON answer for one page of a list, with GitHub's `Link` header when there are more pages. */
export function paged<T>(items: T[], request: RouteRequest, render: (item: T) => unknown): RouteAnswer {
  const { items: page, link } = pageOf(items, request);
  return json(200, page.map(render), link ? { link } : {});
}
