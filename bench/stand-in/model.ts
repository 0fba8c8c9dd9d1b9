import { createHash, randomBytes } from "node:crypto";

/** A person's role on a repository, as the collaborator permission API names it. */
export type Role = "read" | "triage" | "write" | "maintain" | "admin";

export interface Commit {
  sha: string;
  /** Path → content; the whole tree at this commit. */
  files: Map<string, string>;
  message: string;
  at: string;
}

export interface PullRequest {
  number: number;
  headSha: string;
  headRef: string;
  baseRef: string;
  state: "open" | "closed";
  merged: boolean;
  updatedAt: string;
  user: string;
}

export interface Actor {
  login: string;
  type: "User" | "Bot";
}

export interface IssueComment {
  id: number;
  issueNumber: number;
  body: string;
  user: Actor;
  createdAt: string;
  updatedAt: string;
}

export interface Reaction {
  id: number;
  commentId: number;
  content: string;
  user: Actor;
  createdAt: string;
}

export interface CheckRun {
  id: number;
  name: string;
  headSha: string;
  status: string;
  conclusion: string | null;
  detailsUrl: string | null;
  externalId: string;
  output: { title: string | null; summary: string | null; text: string | null };
  startedAt: string;
  completedAt: string | null;
  /** Runs made by this stand-in's app; others come from CI. */
  app: "slipway" | "ci";
}

export interface DeploymentStatus {
  id: number;
  state: string;
  description: string;
  environmentUrl: string;
  logUrl: string;
  createdAt: string;
}

export interface Deployment {
  id: number;
  sha: string;
  ref: string;
  task: string;
  environment: string;
  description: string | null;
  payload: unknown;
  transient: boolean;
  production: boolean;
  creator: Actor;
  createdAt: string;
  statuses: DeploymentStatus[];
}

export interface CommitStatus {
  id: number;
  sha: string;
  state: "error" | "failure" | "pending" | "success";
  context: string;
  description: string | null;
  targetUrl: string | null;
  createdAt: string;
}

export interface Repository {
  id: number;
  owner: string;
  name: string;
  installationId: number;
  defaultBranch: string;
  branches: Map<string, string>;
  commits: Map<string, Commit>;
  pulls: Map<number, PullRequest>;
  collaborators: Map<string, Role>;
  comments: IssueComment[];
  reactions: Reaction[];
  checkRuns: CheckRun[];
  deployments: Deployment[];
  statuses: CommitStatus[];
}

/** The app's bot account: what GitHub shows as the author of everything an installation writes. */
export const BOT: Actor = { login: "slipway[bot]", type: "Bot" };

/** A new random commit SHA. */
export function newSha(): string {
  return randomBytes(20).toString("hex");
}

/** The git blob SHA of a file's content, as the contents API reports it. */
export function blobSha(content: string): string {
  const bytes = Buffer.from(content);
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

/** GitHub's timestamps: whole seconds, UTC. */
export function githubTime(at: Date | number = Date.now()): string {
  return new Date(at).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * The state of the GitHub the stand-in answers for: repositories with their commits, pull
 * requests, comments, check runs, Deployments and statuses, all in memory. The benchmark sets
 * up what a user would have on GitHub (repositories, commits, pull requests, people's comments);
 * the REST routes read and change it as GitHub would.
 */
export class GitHubModel {
  private readonly repositories = new Map<string, Repository>();
  private readonly installations = new Set<number>();
  private readonly tokens = new Map<string, { installationId: number; expiresAt: number }>();
  private readonly downloadTokens = new Map<string, { installationId: number; expiresAt: number }>();
  private nextIds = { repo: 759963101, checkRun: 29573118223, deployment: 1782034577, deploymentStatus: 3998421066, comment: 2326617431, reaction: 253084126, status: 32511809512 };

  nextId(kind: keyof GitHubModel["nextIds"]): number {
    return this.nextIds[kind]++;
  }

  addRepository(options: { installationId: number; owner: string; name: string; id?: number; defaultBranch?: string; collaborators?: Record<string, Role> }): Repository {
    this.installations.add(options.installationId);
    const repository: Repository = {
      id: options.id ?? this.nextId("repo"),
      owner: options.owner,
      name: options.name,
      installationId: options.installationId,
      defaultBranch: options.defaultBranch ?? "main",
      branches: new Map(),
      commits: new Map(),
      pulls: new Map(),
      collaborators: new Map(Object.entries(options.collaborators ?? {})),
      comments: [],
      reactions: [],
      checkRuns: [],
      deployments: [],
      statuses: [],
    };
    this.repositories.set(key(options.owner, options.name), repository);
    return repository;
  }

  repository(owner: string, name: string): Repository | undefined {
    return this.repositories.get(key(owner, name));
  }

  /** The repositories of an installation, in the order they were added. */
  repositoriesOf(installationId: number): Repository[] {
    return [...this.repositories.values()].filter((repository) => repository.installationId === installationId);
  }

  hasInstallation(installationId: number): boolean {
    return this.installations.has(installationId);
  }

  /** A commit on `branch` (moving it), or a detached one when no branch is named. */
  addCommit(repository: Repository, files: Record<string, string>, options: { branch?: string; message?: string; sha?: string } = {}): Commit {
    const commit: Commit = { sha: options.sha ?? newSha(), files: new Map(Object.entries(files)), message: options.message ?? "Update", at: githubTime() };
    repository.commits.set(commit.sha, commit);
    if (options.branch) repository.branches.set(options.branch, commit.sha);
    return commit;
  }

  /** A commit by SHA (full or abbreviated to 7+) or by branch name; the default branch when `ref` is undefined. */
  resolve(repository: Repository, ref: string | undefined): Commit | undefined {
    const wanted = ref ?? repository.defaultBranch;
    const branchHead = repository.branches.get(wanted.replace(/^refs\/heads\//, ""));
    if (branchHead) return repository.commits.get(branchHead);
    const exact = repository.commits.get(wanted);
    if (exact) return exact;
    if (/^[0-9a-f]{7,39}$/.test(wanted)) return [...repository.commits.values()].find((commit) => commit.sha.startsWith(wanted));
    return undefined;
  }

  issueToken(installationId: number): { token: string; expiresAt: number } {
    const token = `ghs_${randomBytes(18).toString("base64url")}`;
    const expiresAt = Date.now() + 60 * 60 * 1000;
    this.tokens.set(token, { installationId, expiresAt });
    return { token, expiresAt };
  }

  /** The installation an installation access token belongs to, while it is valid. */
  tokenInstallation(token: string): number | undefined {
    const found = this.tokens.get(token);
    return found && found.expiresAt > Date.now() ? found.installationId : undefined;
  }

  /** A short-lived token for one archive download, as GitHub puts in its redirect's query. */
  issueDownloadToken(installationId: number): string {
    const token = randomBytes(15).toString("base64url");
    this.downloadTokens.set(token, { installationId, expiresAt: Date.now() + 5 * 60 * 1000 });
    return token;
  }

  /** The installation a download token was issued for, while it is valid. */
  downloadTokenInstallation(token: string | null): number | undefined {
    const found = token === null ? undefined : this.downloadTokens.get(token);
    return found && found.expiresAt > Date.now() ? found.installationId : undefined;
  }
}

function key(owner: string, name: string): string {
  return `${owner}/${name}`.toLowerCase();
}
