import { createHash } from "node:crypto";
import { z } from "zod";
import { githubTime, type Commit, type PullRequest, type Repository } from "./model";
import { json, notFound, paged, parseBody, repositoryOf, unprocessable, type Route, type RouteRequest } from "./route";
import { pullRequestShape, repositoryShape, type Site } from "./shapes";

// Git data, branches, the installation's repositories and pull request writes: what design-system
// propagation calls. Trees are kept per repository; a commit's tree SHA is derived from its SHA.

const trees = new WeakMap<Repository, Map<string, Map<string, string>>>();
const pullTexts = new WeakMap<Repository, Map<number, { title: string; body: string; labels: string[] }>>();

/** The tree SHA the stand-in gives a commit. */
export function treeShaOf(commit: Commit): string {
  return createHash("sha1").update(`tree ${commit.sha}`).digest("hex");
}

function treeFiles(repository: Repository, sha: string): Map<string, string> | undefined {
  const stored = trees.get(repository)?.get(sha);
  if (stored) return stored;
  const commit = [...repository.commits.values()].find((candidate) => treeShaOf(candidate) === sha);
  return commit?.files;
}

/** What a test or benchmark reads back of an upgrade pull request: its title, body and labels. */
export function pullText(repository: Repository, number: number): { title: string; body: string; labels: string[] } | undefined {
  return pullTexts.get(repository)?.get(number);
}

function commitShape(site: Site, repository: Repository, commit: Commit) {
  const url = `${site.api}/repos/${repository.owner}/${repository.name}`;
  return {
    sha: commit.sha,
    node_id: `C_${commit.sha.slice(0, 12)}`,
    url: `${url}/git/commits/${commit.sha}`,
    html_url: `https://github.com/${repository.owner}/${repository.name}/commit/${commit.sha}`,
    commit: {
      message: commit.message,
      tree: { sha: treeShaOf(commit), url: `${url}/git/trees/${treeShaOf(commit)}` },
      author: { name: "slipway[bot]", email: "slipway[bot]@users.noreply.github.com", date: commit.at },
      committer: { name: "GitHub", email: "noreply@github.com", date: commit.at },
    },
    parents: [],
  };
}

function refShape(site: Site, repository: Repository, branch: string, sha: string) {
  return {
    ref: `refs/heads/${branch}`,
    node_id: `REF_${branch}`,
    url: `${site.api}/repos/${repository.owner}/${repository.name}/git/refs/heads/${branch}`,
    object: { sha, type: "commit", url: `${site.api}/repos/${repository.owner}/${repository.name}/git/commits/${sha}` },
  };
}

function pullShape(request: RouteRequest, repository: Repository, pull: PullRequest) {
  const text = pullText(repository, pull.number);
  return { ...pullRequestShape(request.site, repository, pull), ...(text ? { title: text.title, body: text.body } : {}) };
}

const TreeBody = z.object({
  base_tree: z.string().optional(),
  tree: z.array(z.object({ path: z.string().min(1), mode: z.string(), type: z.literal("blob"), content: z.string() })),
});
const CommitBody = z.object({ message: z.string().min(1), tree: z.string().min(1), parents: z.array(z.string()) });
const CreateRefBody = z.object({ ref: z.string().regex(/^refs\/heads\/.+/), sha: z.string().min(1) });
const UpdateRefBody = z.object({ sha: z.string().min(1), force: z.boolean().optional() });
const CreatePullBody = z.object({ head: z.string().min(1), base: z.string().min(1), title: z.string().min(1), body: z.string().optional() });
const UpdatePullBody = z.object({ title: z.string().optional(), body: z.string().optional(), state: z.enum(["open", "closed"]).optional() });
const LabelsBody = z.object({ labels: z.array(z.string().min(1)) });

export const GIT_ROUTES: Route[] = [
  {
    method: "GET",
    template: "/installation/repositories",
    auth: "installation",
    handle(request, { model }) {
      if (request.caller.kind !== "installation") return notFound();
      const repositories = model.repositoriesOf(request.caller.installationId);
      const answer = paged(repositories, request, (repository) => ({ ...repositoryShape(repository), archived: false }));
      return { ...answer, body: { total_count: repositories.length, repository_selection: "all", repositories: answer.body } };
    },
  },
  {
    method: "GET",
    template: "/repos/{owner}/{repo}",
    auth: "installation",
    handle(request, context) {
      const repository = repositoryOf(request, context);
      return repository ? json(200, { ...repositoryShape(repository), archived: false }) : notFound();
    },
  },
  {
    method: "GET",
    template: "/repos/{owner}/{repo}/branches/{branch+}",
    auth: "installation",
    handle(request, context) {
      const repository = repositoryOf(request, context);
      const sha = repository?.branches.get(request.params.branch ?? "");
      const commit = sha ? repository?.commits.get(sha) : undefined;
      if (!repository || !commit) return notFound("Branch not found");
      return json(200, { name: request.params.branch, commit: commitShape(request.site, repository, commit), protected: false });
    },
  },
  {
    method: "GET",
    template: "/repos/{owner}/{repo}/commits/{ref}",
    auth: "installation",
    handle(request, context) {
      const repository = repositoryOf(request, context);
      const commit = repository && context.model.resolve(repository, request.params.ref);
      if (!repository || !commit) return unprocessable(`No commit found for SHA: ${request.params.ref}`);
      return json(200, commitShape(request.site, repository, commit));
    },
  },
  {
    method: "POST",
    template: "/repos/{owner}/{repo}/git/trees",
    auth: "installation",
    handle(request, context) {
      const repository = repositoryOf(request, context);
      if (!repository) return notFound();
      const body = parseBody(TreeBody, request);
      if (!body.ok) return body.answer;
      const base = body.value.base_tree ? treeFiles(repository, body.value.base_tree) : new Map<string, string>();
      if (!base) return unprocessable("base_tree is not a valid tree");
      const files = new Map(base);
      for (const entry of body.value.tree) files.set(entry.path, entry.content);
      const sha = createHash("sha1").update(JSON.stringify([...files])).digest("hex");
      if (!trees.has(repository)) trees.set(repository, new Map());
      trees.get(repository)?.set(sha, files);
      return json(201, { sha, url: `${request.site.api}/repos/${repository.owner}/${repository.name}/git/trees/${sha}`, truncated: false, tree: [] });
    },
  },
  {
    method: "POST",
    template: "/repos/{owner}/{repo}/git/commits",
    auth: "installation",
    handle(request, context) {
      const repository = repositoryOf(request, context);
      if (!repository) return notFound();
      const body = parseBody(CommitBody, request);
      if (!body.ok) return body.answer;
      const files = treeFiles(repository, body.value.tree);
      if (!files) return unprocessable("Tree SHA does not exist");
      const commit = context.model.addCommit(repository, Object.fromEntries(files), { message: body.value.message });
      return json(201, commitShape(request.site, repository, commit));
    },
  },
  {
    method: "GET",
    template: "/repos/{owner}/{repo}/git/ref/{ref+}",
    auth: "installation",
    handle(request, context) {
      const repository = repositoryOf(request, context);
      const branch = (request.params.ref ?? "").replace(/^heads\//, "");
      const sha = repository?.branches.get(branch);
      return repository && sha ? json(200, refShape(request.site, repository, branch, sha)) : notFound();
    },
  },
  {
    method: "POST",
    template: "/repos/{owner}/{repo}/git/refs",
    auth: "installation",
    handle(request, context) {
      const repository = repositoryOf(request, context);
      if (!repository) return notFound();
      const body = parseBody(CreateRefBody, request);
      if (!body.ok) return body.answer;
      const branch = body.value.ref.slice("refs/heads/".length);
      if (repository.branches.has(branch)) return unprocessable("Reference already exists");
      if (!repository.commits.has(body.value.sha)) return unprocessable("Object does not exist");
      repository.branches.set(branch, body.value.sha);
      return json(201, refShape(request.site, repository, branch, body.value.sha));
    },
  },
  {
    method: "PATCH",
    template: "/repos/{owner}/{repo}/git/refs/{ref+}",
    auth: "installation",
    handle(request, context) {
      const repository = repositoryOf(request, context);
      if (!repository) return notFound();
      const body = parseBody(UpdateRefBody, request);
      if (!body.ok) return body.answer;
      const branch = (request.params.ref ?? "").replace(/^heads\//, "");
      if (!repository.branches.has(branch)) return unprocessable("Reference does not exist");
      if (!repository.commits.has(body.value.sha)) return unprocessable("Object does not exist");
      repository.branches.set(branch, body.value.sha);
      for (const pull of repository.pulls.values()) if (pull.headRef === branch && pull.state === "open") pull.headSha = body.value.sha;
      return json(200, refShape(request.site, repository, branch, body.value.sha));
    },
  },
  {
    method: "GET",
    template: "/repos/{owner}/{repo}/pulls",
    auth: "installation",
    handle(request, context) {
      const repository = repositoryOf(request, context);
      if (!repository) return notFound();
      const head = request.query.get("head");
      const base = request.query.get("base");
      const state = request.query.get("state") ?? "open";
      const pulls = [...repository.pulls.values()]
        .filter((pull) => (state === "all" || pull.state === state) && (!head || `${repository.owner}:${pull.headRef}` === head) && (!base || pull.baseRef === base))
        .reverse();
      return paged(pulls, request, (pull) => pullShape(request, repository, pull));
    },
  },
  {
    method: "POST",
    template: "/repos/{owner}/{repo}/pulls",
    auth: "installation",
    handle(request, context) {
      const repository = repositoryOf(request, context);
      if (!repository) return notFound();
      const body = parseBody(CreatePullBody, request);
      if (!body.ok) return body.answer;
      const headSha = repository.branches.get(body.value.head);
      if (!headSha || !repository.branches.has(body.value.base)) return unprocessable("Validation Failed (head or base does not exist)");
      if ([...repository.pulls.values()].some((pull) => pull.state === "open" && pull.headRef === body.value.head && pull.baseRef === body.value.base)) {
        return unprocessable(`Validation Failed (A pull request already exists for ${repository.owner}:${body.value.head}.)`);
      }
      const number = Math.max(0, ...repository.pulls.keys()) + 1;
      const pull: PullRequest = { number, headSha, headRef: body.value.head, baseRef: body.value.base, state: "open", merged: false, updatedAt: githubTime(), user: "slipway[bot]" };
      repository.pulls.set(number, pull);
      if (!pullTexts.has(repository)) pullTexts.set(repository, new Map());
      pullTexts.get(repository)?.set(number, { title: body.value.title, body: body.value.body ?? "", labels: [] });
      return json(201, pullShape(request, repository, pull));
    },
  },
  {
    method: "PATCH",
    template: "/repos/{owner}/{repo}/pulls/{pull_number}",
    auth: "installation",
    handle(request, context) {
      const repository = repositoryOf(request, context);
      const pull = repository?.pulls.get(Number(request.params.pull_number));
      if (!repository || !pull) return notFound();
      const body = parseBody(UpdatePullBody, request);
      if (!body.ok) return body.answer;
      const text = pullText(repository, pull.number) ?? { title: "", body: "", labels: [] };
      if (!pullTexts.has(repository)) pullTexts.set(repository, new Map());
      pullTexts.get(repository)?.set(pull.number, { ...text, ...(body.value.title !== undefined ? { title: body.value.title } : {}), ...(body.value.body !== undefined ? { body: body.value.body } : {}) });
      if (body.value.state) pull.state = body.value.state;
      pull.updatedAt = githubTime();
      return json(200, pullShape(request, repository, pull));
    },
  },
  {
    method: "POST",
    template: "/repos/{owner}/{repo}/issues/{issue_number}/labels",
    auth: "installation",
    handle(request, context) {
      const repository = repositoryOf(request, context);
      const number = Number(request.params.issue_number);
      const text = repository && pullText(repository, number);
      if (!repository || !text) return notFound();
      const body = parseBody(LabelsBody, request);
      if (!body.ok) return body.answer;
      text.labels = [...new Set([...text.labels, ...body.value.labels])];
      return json(200, text.labels.map((name, index) => ({ id: index + 1, name, color: "ededed", default: false, description: null })));
    },
  },
];
