import { z } from "zod";
import { githubTime, type CheckRun, type Repository } from "./model";
import { json, notFound, pageOf, parseBody, repositoryOf, unprocessable, type Route, type RouteRequest } from "./route";
import { checkRunShape } from "./shapes";

const OUTPUT_LIMIT = 65535;
const Status = z.enum(["queued", "in_progress", "completed", "waiting", "requested", "pending"]);
const Conclusion = z.enum(["action_required", "cancelled", "failure", "neutral", "success", "skipped", "stale", "timed_out"]);
const Output = z.object({
  title: z.string().max(OUTPUT_LIMIT).nullish(),
  summary: z.string().max(OUTPUT_LIMIT),
  text: z.string().max(OUTPUT_LIMIT).nullish(),
});
const Fields = z.object({
  name: z.string().min(1),
  details_url: z.string().nullish(),
  external_id: z.string().nullish(),
  status: Status.optional(),
  conclusion: Conclusion.optional(),
  started_at: z.string().optional(),
  completed_at: z.string().optional(),
  output: Output.optional(),
});
const CreateBody = Fields.extend({ head_sha: z.string().min(1) });
const UpdateBody = Fields.partial();

/** GitHub's rule: a conclusion completes the run, and a completed run needs one. */
function settle(status: string | undefined, conclusion: string | undefined, previous?: CheckRun): { status: string; conclusion: string | null } | undefined {
  if (conclusion) return { status: "completed", conclusion };
  const next = status ?? previous?.status ?? "queued";
  if (next === "completed" && !previous?.conclusion) return undefined;
  return { status: next, conclusion: next === "completed" ? (previous?.conclusion ?? null) : null };
}

function findRun(request: RouteRequest, repository: Repository): CheckRun | undefined {
  return repository.checkRuns.find((run) => String(run.id) === request.params.check_run_id);
}

/** Check runs: create, update, read, and list for a ref with `check_name`, `status` and `filter`. */
export const CHECK_ROUTES: Route[] = [
  {
    method: "POST",
    template: "/repos/{owner}/{repo}/check-runs",
    auth: "installation",
    handle(request, context) {
      const repository = repositoryOf(request, context);
      if (!repository) return notFound();
      const body = parseBody(CreateBody, request);
      if (!body.ok) return body.answer;
      const commit = context.model.resolve(repository, body.value.head_sha);
      if (!commit || commit.sha !== body.value.head_sha) return unprocessable(`No commit found for SHA: ${body.value.head_sha}`);
      const state = settle(body.value.status, body.value.conclusion);
      if (!state) return unprocessable("Invalid request. When `status` is completed, `conclusion` is required.");
      const now = githubTime();
      const run: CheckRun = {
        id: context.model.nextId("checkRun"),
        name: body.value.name,
        headSha: commit.sha,
        ...state,
        detailsUrl: body.value.details_url ?? null,
        externalId: body.value.external_id ?? "",
        output: { title: body.value.output?.title ?? null, summary: body.value.output?.summary ?? null, text: body.value.output?.text ?? null },
        startedAt: body.value.started_at ?? now,
        completedAt: state.status === "completed" ? (body.value.completed_at ?? now) : null,
        app: "slipway",
      };
      repository.checkRuns.push(run);
      return json(201, checkRunShape(request.site, repository, run));
    },
  },
  {
    method: "PATCH",
    template: "/repos/{owner}/{repo}/check-runs/{check_run_id}",
    auth: "installation",
    handle(request, context) {
      const repository = repositoryOf(request, context);
      const run = repository && findRun(request, repository);
      if (!repository || !run) return notFound();
      const body = parseBody(UpdateBody, request);
      if (!body.ok) return body.answer;
      const state = settle(body.value.status, body.value.conclusion, run);
      if (!state) return unprocessable("Invalid request. When `status` is completed, `conclusion` is required.");
      Object.assign(run, state);
      if (body.value.name) run.name = body.value.name;
      if (body.value.details_url !== undefined) run.detailsUrl = body.value.details_url ?? null;
      if (body.value.external_id !== undefined) run.externalId = body.value.external_id ?? "";
      if (body.value.output) run.output = { title: body.value.output.title ?? null, summary: body.value.output.summary, text: body.value.output.text ?? null };
      if (state.status === "completed") run.completedAt ??= body.value.completed_at ?? githubTime();
      return json(200, checkRunShape(request.site, repository, run));
    },
  },
  {
    method: "GET",
    template: "/repos/{owner}/{repo}/check-runs/{check_run_id}",
    auth: "installation",
    handle(request, context) {
      const repository = repositoryOf(request, context);
      const run = repository && findRun(request, repository);
      return repository && run ? json(200, checkRunShape(request.site, repository, run)) : notFound();
    },
  },
  {
    // `filter=latest` (GitHub's default) keeps the newest run of each name; newest first.
    method: "GET",
    template: "/repos/{owner}/{repo}/commits/{ref}/check-runs",
    auth: "installation",
    handle(request, context) {
      const repository = repositoryOf(request, context);
      const commit = repository && context.model.resolve(repository, request.params.ref);
      if (!repository || !commit) return notFound();
      const name = request.query.get("check_name");
      const status = request.query.get("status");
      let runs = repository.checkRuns.filter((run) => run.headSha === commit.sha && (!name || run.name === name) && (!status || run.status === status)).reverse();
      if ((request.query.get("filter") ?? "latest") === "latest") {
        const seen = new Set<string>();
        runs = runs.filter((run) => !seen.has(run.name) && seen.add(run.name));
      }
      const { items, link } = pageOf(runs, request);
      return json(200, { total_count: runs.length, check_runs: items.map((run) => checkRunShape(request.site, repository, run)) }, link ? { link } : {});
    },
  },
];
