import { githubTime, newSha, type Commit, type GitHubModel, type IssueComment, type PullRequest, type Repository } from "../stand-in/model";

/** The repository's `.github/slipway.yml`: previews of `public/`, production from `main`. */
export const SLIPWAY_CONFIG = `preview:
  source:
    dir: public
environments:
  production:
    branch: main
    permission: maintain
  staging:
    permission: write
`;

/** Everyone who comments or pushes in the benchmark. */
export const PEOPLE = { author: "octocat", maintainer: "hubot" } as const;

/** A repository of one installation with a `main` branch holding the configuration and a small site. */
export function createBenchRepository(model: GitHubModel, options: { installationId: number; owner: string; name: string }): Repository {
  const repository = model.addRepository({ ...options, collaborators: { [PEOPLE.author]: "write", [PEOPLE.maintainer]: "admin" } });
  siteCommit(model, repository, { branch: "main", message: "Initial site" });
  return repository;
}

/**
 * A commit of the whole repository whose site names the commit, so a page fetched from a
 * preview or environment URL says which commit is served.
 */
export function siteCommit(model: GitHubModel, repository: Repository, options: { branch?: string; message?: string } = {}): Commit {
  const sha = newSha();
  return model.addCommit(
    repository,
    {
      ".github/slipway.yml": SLIPWAY_CONFIG,
      "README.md": `# ${repository.name}\n`,
      "package.json": JSON.stringify({ name: repository.name, private: true }, null, 2),
      "public/index.html": `<!doctype html><html><head><link rel="stylesheet" href="style.css"></head><body data-commit="${sha}"><h1>${repository.name}</h1><script src="app.js"></script></body></html>\n`,
      "public/style.css": "body { font-family: system-ui; margin: 2rem; }\n",
      "public/app.js": `console.log(${JSON.stringify(sha)});\n`,
      "public/docs/index.html": `<!doctype html><h1>Docs at ${sha.slice(0, 7)}</h1>\n`,
    },
    { sha, ...options },
  );
}

/** A pull request from `feature-<number>` into `main`, at a new commit, updated at `updatedAt`. */
export function openPullRequest(model: GitHubModel, repository: Repository, number: number, updatedAt: number = Date.now()): PullRequest {
  const head = siteCommit(model, repository, { branch: `feature-${number}`, message: `Start #${number}` });
  const pull: PullRequest = { number, headSha: head.sha, headRef: `feature-${number}`, baseRef: "main", state: "open", merged: false, updatedAt: githubTime(updatedAt), user: PEOPLE.author };
  repository.pulls.set(number, pull);
  return pull;
}

/** A push of a new commit to a pull request's branch: what GitHub holds before it delivers `synchronize`. */
export function pushToPullRequest(model: GitHubModel, repository: Repository, pull: PullRequest, updatedAt: number): { before: string; commit: Commit } {
  const before = pull.headSha;
  const commit = siteCommit(model, repository, { branch: pull.headRef, message: `Update #${pull.number}` });
  pull.headSha = commit.sha;
  pull.updatedAt = githubTime(updatedAt);
  return { before, commit };
}

/** A person's comment on a pull request, as GitHub stores it before delivering `issue_comment`. */
export function addPersonComment(model: GitHubModel, repository: Repository, issueNumber: number, login: string, body: string): IssueComment {
  const now = githubTime();
  const comment: IssueComment = { id: model.nextId("comment"), issueNumber, body, user: { login, type: "User" }, createdAt: now, updatedAt: now };
  repository.comments.push(comment);
  return comment;
}
