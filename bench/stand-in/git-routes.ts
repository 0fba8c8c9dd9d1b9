import { createHash } from "node:crypto";
import { z } from "zod";
import type { Commit, Repository } from "./model";
import { json, notFound, paged, parseBody, repositoryOf, unprocessable, type Route } from "./route";
import { repositoryShape, type Site } from "./shapes";

// Git data, branches and the installation's repositories: what design-system propagation reads
// and writes before its pull request. Trees are kept per repository; a commit's tree SHA is
// derived from its SHA.

const trees = new WeakMap<Repository, Map<string, Map<string, string>>>();

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

const TreeBody = z.object({
  base_tree: z.string().optional(),
  tree: z.array(z.object({ path: z.string().min(1), mode: z.string(), type: z.literal("blob"), content: z.string() })),
});
const CommitBody = z.object({ message: z.string().min(1), tree: z.string().min(1), parents: z.array(z.string()) });
const CreateRefBody = z.object({ ref: z.string().regex(/^refs\/heads\/.+/), sha: z.string().min(1) });
const UpdateRefBody = z.object({ sha: z.string().min(1), force: z.boolean().optional() });

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
];
