import { z } from "zod";
import { blobSha, githubTime, type Commit, type CommitStatus, type Repository } from "./model";
import { json, notFound, paged, parseBody, repositoryOf, type Route, type RouteRequest } from "./route";
import { combinedStatusShape, commitStatusShape, permissionShape, pullRequestShape } from "./shapes";

const RAW = { "content-type": "text/plain; charset=utf-8" };

function contentsShape(request: RouteRequest, repository: Repository, commit: Commit, path: string, content: string) {
  const url = `${request.site.api}/repos/${repository.owner}/${repository.name}/contents/${path}?ref=${commit.sha}`;
  const sha = blobSha(content);
  const html = `https://github.com/${repository.owner}/${repository.name}/blob/${commit.sha}/${path}`;
  return {
    type: "file",
    encoding: "base64",
    size: Buffer.byteLength(content),
    name: path.split("/").pop() ?? path,
    path,
    content: Buffer.from(content).toString("base64"),
    sha,
    url,
    git_url: `${request.site.api}/repos/${repository.owner}/${repository.name}/git/blobs/${sha}`,
    html_url: html,
    download_url: `https://raw.githubusercontent.com/${repository.owner}/${repository.name}/${commit.sha}/${path}`,
    _links: { self: url, git: `${request.site.api}/repos/${repository.owner}/${repository.name}/git/blobs/${sha}`, html },
  };
}

/** A folder's entries, as the contents API lists a directory. */
function directory(request: RouteRequest, repository: Repository, commit: Commit, path: string) {
  const prefix = path === "" ? "" : `${path.replace(/\/+$/, "")}/`;
  const names = new Map<string, "file" | "dir">();
  for (const file of commit.files.keys()) {
    if (!file.startsWith(prefix)) continue;
    const [first = "", ...rest] = file.slice(prefix.length).split("/");
    names.set(first, rest.length > 0 ? "dir" : "file");
  }
  if (names.size === 0) return undefined;
  return [...names].map(([name, type]) => ({ ...contentsShape(request, repository, commit, `${prefix}${name}`, commit.files.get(`${prefix}${name}`) ?? ""), type, content: undefined, encoding: undefined }));
}

const StatusBody = z.object({
  state: z.enum(["error", "failure", "pending", "success"]),
  target_url: z.string().nullish(),
  description: z.string().max(140).nullish(),
  context: z.string().default("default"),
});

function latestPerContext(statuses: CommitStatus[]): CommitStatus[] {
  const latest = new Map<string, CommitStatus>();
  for (const status of statuses) latest.set(status.context, status);
  return [...latest.values()].reverse();
}

/** Files, archives, pull requests, permissions and commit statuses of a repository. */
export const REPOSITORY_ROUTES: Route[] = [
  {
    // Raw media type (`application/vnd.github.raw`) answers the file itself, as the config loader asks.
    method: "GET",
    template: "/repos/{owner}/{repo}/contents/{path+}",
    auth: "installation",
    handle(request, context) {
      const repository = repositoryOf(request, context);
      if (!repository) return notFound();
      const ref = request.query.get("ref") ?? undefined;
      const commit = context.model.resolve(repository, ref);
      if (!commit) return notFound(`No commit found for the ref ${ref ?? repository.defaultBranch}`);
      const path = (request.params.path ?? "").replace(/^\/+/, "");
      const content = commit.files.get(path);
      if (content === undefined) {
        const listing = directory(request, repository, commit, path);
        return listing ? json(200, listing) : notFound();
      }
      if (/raw/.test(request.accept)) return { status: 200, raw: content, headers: RAW };
      return json(200, contentsShape(request, repository, commit, path, content));
    },
  },
  {
    // GitHub redirects to its archive host with a short-lived token in the query.
    method: "GET",
    template: "/repos/{owner}/{repo}/tarball/{ref}",
    auth: "installation",
    handle(request, context) {
      const repository = repositoryOf(request, context);
      if (!repository) return notFound();
      const commit = context.model.resolve(repository, request.params.ref);
      if (!commit) return notFound();
      const token = context.model.issueDownloadToken(repository.installationId);
      const location = `${request.origin}/_codeload/${repository.owner}/${repository.name}/legacy.tar.gz/${commit.sha}?token=${token}`;
      return { status: 302, headers: { location }, raw: "" };
    },
  },
  {
    method: "GET",
    template: "/repos/{owner}/{repo}/pulls/{pull_number}",
    auth: "installation",
    handle(request, context) {
      const repository = repositoryOf(request, context);
      const pull = repository?.pulls.get(Number(request.params.pull_number));
      return repository && pull ? json(200, pullRequestShape(request.site, repository, pull)) : notFound();
    },
  },
  {
    method: "GET",
    template: "/repos/{owner}/{repo}/collaborators/{username}/permission",
    auth: "installation",
    handle(request, context) {
      const repository = repositoryOf(request, context);
      const login = request.params.username ?? "";
      const role = repository?.collaborators.get(login);
      return role ? json(200, permissionShape(login, role)) : notFound(`${login} is not a user`);
    },
  },
  {
    method: "POST",
    template: "/repos/{owner}/{repo}/statuses/{sha}",
    auth: "installation",
    handle(request, context) {
      const repository = repositoryOf(request, context);
      if (!repository) return notFound();
      const commit = context.model.resolve(repository, request.params.sha);
      if (!commit) return { status: 422, body: { message: `No commit found for SHA: ${request.params.sha}` } };
      const body = parseBody(StatusBody, request);
      if (!body.ok) return body.answer;
      const status: CommitStatus = {
        id: context.model.nextId("status"),
        sha: commit.sha,
        state: body.value.state,
        context: body.value.context,
        description: body.value.description ?? null,
        targetUrl: body.value.target_url ?? null,
        createdAt: githubTime(),
      };
      repository.statuses.push(status);
      return json(201, commitStatusShape(request.site, repository, status));
    },
  },
  {
    method: "GET",
    template: "/repos/{owner}/{repo}/commits/{ref}/statuses",
    auth: "installation",
    handle(request, context) {
      const repository = repositoryOf(request, context);
      const commit = repository && context.model.resolve(repository, request.params.ref);
      if (!repository || !commit) return notFound();
      const statuses = repository.statuses.filter((status) => status.sha === commit.sha).reverse();
      return paged(statuses, request, (status) => commitStatusShape(request.site, repository, status));
    },
  },
  {
    // The latest status of each context; `statuses` is paged by `per_page`/`page`, `total_count` counts all.
    method: "GET",
    template: "/repos/{owner}/{repo}/commits/{ref}/status",
    auth: "installation",
    handle(request, context) {
      const repository = repositoryOf(request, context);
      const commit = repository && context.model.resolve(repository, request.params.ref);
      if (!repository || !commit) return notFound();
      const latest = latestPerContext(repository.statuses.filter((status) => status.sha === commit.sha));
      const perPage = Math.min(100, Math.max(1, Number(request.query.get("per_page") ?? 30) || 30));
      const page = Math.max(1, Number(request.query.get("page") ?? 1) || 1);
      return json(200, combinedStatusShape(request.site, repository, commit.sha, latest, latest.slice((page - 1) * perPage, page * perPage)));
    },
  },
];
