import { z } from "zod";
import { githubTime, type PullRequest, type Repository } from "./model";
import { json, notFound, paged, parseBody, repositoryOf, unprocessable, type Route, type RouteRequest } from "./route";
import { pullRequestShape } from "./shapes";

// Pull requests opened, listed and edited, and labels put on them: propagation's upgrade pull
// requests. Titles, bodies and labels are kept beside the model's pull requests.

const pullTexts = new WeakMap<Repository, Map<number, { title: string; body: string; labels: string[] }>>();

/** What a test or benchmark reads back of an upgrade pull request: its title, body and labels. */
export function pullText(repository: Repository, number: number): { title: string; body: string; labels: string[] } | undefined {
  return pullTexts.get(repository)?.get(number);
}

function pullShape(request: RouteRequest, repository: Repository, pull: PullRequest) {
  const text = pullText(repository, pull.number);
  return { ...pullRequestShape(request.site, repository, pull), ...(text ? { title: text.title, body: text.body } : {}) };
}

const CreatePullBody = z.object({ head: z.string().min(1), base: z.string().min(1), title: z.string().min(1), body: z.string().optional() });
const UpdatePullBody = z.object({ title: z.string().optional(), body: z.string().optional(), state: z.enum(["open", "closed"]).optional() });
const LabelsBody = z.object({ labels: z.array(z.string().min(1)) });

/** Pull request list, create and update, and labels. */
export const PULL_ROUTES: Route[] = [
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
