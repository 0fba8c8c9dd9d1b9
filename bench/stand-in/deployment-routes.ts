import { z } from "zod";
import { BOT, githubTime, type Commit, type Deployment, type DeploymentStatus, type Repository } from "./model";
import { json, notFound, paged, parseBody, repositoryOf, unprocessable, type Route, type RouteAnswer, type RouteRequest } from "./route";
import { deploymentShape, deploymentStatusShape } from "./shapes";

const CreateBody = z.object({
  ref: z.string().min(1),
  task: z.string().default("deploy"),
  auto_merge: z.boolean().default(true),
  required_contexts: z.array(z.string()).optional(),
  payload: z.union([z.record(z.string(), z.unknown()), z.string()]).default({}),
  environment: z.string().default("production"),
  description: z.string().max(140).nullish(),
  transient_environment: z.boolean().default(false),
  production_environment: z.boolean().optional(),
});

const StatusBody = z.object({
  state: z.enum(["error", "failure", "inactive", "in_progress", "queued", "pending", "success"]),
  target_url: z.string().optional(),
  log_url: z.string().optional(),
  description: z.string().max(140).optional(),
  environment: z.string().optional(),
  environment_url: z.string().optional(),
  auto_inactive: z.boolean().default(true),
});

/** Contexts of the commit that are not green: GitHub refuses a Deployment over them unless `required_contexts` says otherwise. */
function failingContexts(repository: Repository, commit: Commit, required: string[] | undefined): string[] {
  const latest = new Map<string, boolean>();
  for (const status of repository.statuses) if (status.sha === commit.sha) latest.set(status.context, status.state === "success");
  for (const run of repository.checkRuns) if (run.headSha === commit.sha && run.app === "ci") latest.set(run.name, run.conclusion === "success");
  return [...latest].filter(([context, green]) => !green && (required === undefined || required.includes(context))).map(([context]) => context);
}

function findDeployment(request: RouteRequest, repository: Repository): Deployment | undefined {
  return repository.deployments.find((deployment) => String(deployment.id) === request.params.deployment_id);
}

function createDeployment(request: RouteRequest, repository: Repository, context: Parameters<Route["handle"]>[1]): RouteAnswer {
  const body = parseBody(CreateBody, request);
  if (!body.ok) return body.answer;
  const commit = context.model.resolve(repository, body.value.ref);
  if (!commit) return unprocessable(`No ref found for: ${body.value.ref}`);
  const failing = failingContexts(repository, commit, body.value.required_contexts);
  if (failing.length > 0) {
    return json(409, { message: `Conflict: Commit status checks failed for ${body.value.ref}.`, errors: [{ contexts: failing, resource: "Deployment", field: "required_contexts" }] });
  }
  let payload: unknown = body.value.payload;
  if (typeof payload === "string") {
    try {
      payload = payload === "" ? {} : JSON.parse(payload);
    } catch {
      return unprocessable("Invalid request. `payload` is not valid JSON.");
    }
  }
  const deployment: Deployment = {
    id: context.model.nextId("deployment"),
    sha: commit.sha,
    ref: body.value.ref,
    task: body.value.task,
    environment: body.value.environment,
    description: body.value.description ?? null,
    payload,
    transient: body.value.transient_environment,
    production: body.value.production_environment ?? body.value.environment === "production",
    creator: BOT,
    createdAt: githubTime(),
    statuses: [],
  };
  repository.deployments.push(deployment);
  return json(201, deploymentShape(request.site, repository, deployment));
}

/** GitHub's `auto_inactive`: earlier successful Deployments of the environment go inactive, except transient or production ones. */
function retireEarlier(repository: Repository, deployment: Deployment, model: Parameters<Route["handle"]>[1]["model"]): void {
  for (const earlier of repository.deployments) {
    if (earlier === deployment || earlier.environment !== deployment.environment || earlier.transient || earlier.production) continue;
    if (earlier.statuses.at(-1)?.state !== "success") continue;
    earlier.statuses.push({ id: model.nextId("deploymentStatus"), state: "inactive", description: "", environmentUrl: "", logUrl: "", createdAt: githubTime() });
  }
}

/** Deployments (create with payload, list filtered by sha/ref/task/environment) and their statuses. */
export const DEPLOYMENT_ROUTES: Route[] = [
  {
    method: "POST",
    template: "/repos/{owner}/{repo}/deployments",
    auth: "installation",
    handle(request, context) {
      const repository = repositoryOf(request, context);
      return repository ? createDeployment(request, repository, context) : notFound();
    },
  },
  {
    method: "GET",
    template: "/repos/{owner}/{repo}/deployments",
    auth: "installation",
    handle(request, context) {
      const repository = repositoryOf(request, context);
      if (!repository) return notFound();
      const { query } = request;
      const matches = (deployment: Deployment) =>
        (!query.get("sha") || deployment.sha === query.get("sha")) &&
        (!query.get("ref") || deployment.ref === query.get("ref")) &&
        (!query.get("task") || deployment.task === query.get("task")) &&
        (!query.get("environment") || deployment.environment === query.get("environment"));
      const found = repository.deployments.filter(matches).reverse();
      return paged(found, request, (deployment) => deploymentShape(request.site, repository, deployment));
    },
  },
  {
    method: "GET",
    template: "/repos/{owner}/{repo}/deployments/{deployment_id}",
    auth: "installation",
    handle(request, context) {
      const repository = repositoryOf(request, context);
      const deployment = repository && findDeployment(request, repository);
      return repository && deployment ? json(200, deploymentShape(request.site, repository, deployment)) : notFound();
    },
  },
  {
    method: "DELETE",
    template: "/repos/{owner}/{repo}/deployments/{deployment_id}",
    auth: "installation",
    handle(request, context) {
      const repository = repositoryOf(request, context);
      const deployment = repository && findDeployment(request, repository);
      if (!repository || !deployment) return notFound();
      const others = repository.deployments.filter((other) => other.environment === deployment.environment && other !== deployment);
      if (others.length > 0 && deployment.statuses.at(-1)?.state !== "inactive") {
        return unprocessable("We cannot delete an active deployment unless it is the only deployment in a given environment.");
      }
      repository.deployments.splice(repository.deployments.indexOf(deployment), 1);
      return { status: 204, raw: "" };
    },
  },
  {
    method: "POST",
    template: "/repos/{owner}/{repo}/deployments/{deployment_id}/statuses",
    auth: "installation",
    handle(request, context) {
      const repository = repositoryOf(request, context);
      const deployment = repository && findDeployment(request, repository);
      if (!repository || !deployment) return notFound();
      const body = parseBody(StatusBody, request);
      if (!body.ok) return body.answer;
      if (body.value.environment) deployment.environment = body.value.environment;
      const status: DeploymentStatus = {
        id: context.model.nextId("deploymentStatus"),
        state: body.value.state,
        description: body.value.description ?? "",
        environmentUrl: body.value.environment_url ?? "",
        logUrl: body.value.log_url ?? body.value.target_url ?? "",
        createdAt: githubTime(),
      };
      deployment.statuses.push(status);
      if (status.state === "success" && body.value.auto_inactive) retireEarlier(repository, deployment, context.model);
      context.emit.deploymentStatus({ owner: repository.owner, repo: repository.name, environment: deployment.environment, sha: deployment.sha, state: status.state, at: performance.now() });
      return json(201, deploymentStatusShape(request.site, repository, deployment, status));
    },
  },
  {
    method: "GET",
    template: "/repos/{owner}/{repo}/deployments/{deployment_id}/statuses",
    auth: "installation",
    handle(request, context) {
      const repository = repositoryOf(request, context);
      const deployment = repository && findDeployment(request, repository);
      if (!repository || !deployment) return notFound();
      return paged([...deployment.statuses].reverse(), request, (status) => deploymentStatusShape(request.site, repository, deployment, status));
    },
  },
  {
    method: "GET",
    template: "/repos/{owner}/{repo}/deployments/{deployment_id}/statuses/{status_id}",
    auth: "installation",
    handle(request, context) {
      const repository = repositoryOf(request, context);
      const deployment = repository && findDeployment(request, repository);
      const status = deployment?.statuses.find((candidate) => String(candidate.id) === request.params.status_id);
      return repository && deployment && status ? json(200, deploymentStatusShape(request.site, repository, deployment, status)) : notFound();
    },
  },
];
