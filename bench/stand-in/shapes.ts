import checkRunFixture from "../../fixtures/github/check-run.json";
import combinedStatusFixture from "../../fixtures/github/combined-status.json";
import permissionFixture from "../../fixtures/github/collaborator-permission.json";
import deploymentFixture from "../../fixtures/github/deployment.json";
import deploymentStatusFixture from "../../fixtures/github/deployment-status.json";
import humanCommentFixture from "../../fixtures/github/issue-comment-human.json";
import commentFixture from "../../fixtures/github/issue-comment.json";
import pullRequestFixture from "../../fixtures/github/pull-request.json";
import reactionFixture from "../../fixtures/github/reaction.json";
import type { Actor, CheckRun, CommitStatus, Deployment, DeploymentStatus, IssueComment, PullRequest, Reaction, Repository, Role } from "./model";

// Every answer is a recorded GitHub answer (fixtures/github) with the fields that vary filled
// in from the model, so Slipway parses exactly the shapes it meets in production.

/** Where the answer's own `url` fields point: the stand-in's API root. */
export interface Site {
  api: string;
}

const WEB = "https://github.com";

function repoUrl(site: Site, repository: Repository): string {
  return `${site.api}/repos/${repository.owner}/${repository.name}`;
}

function user(actor: Actor): typeof commentFixture.user {
  if (actor.type === "Bot") return commentFixture.user;
  const template = humanCommentFixture.user;
  return { ...template, login: actor.login, url: `https://api.github.com/users/${actor.login}`, html_url: `${WEB}/${actor.login}` };
}

export function repositoryShape(repository: Repository): typeof pullRequestFixture.base.repo {
  const template = pullRequestFixture.base.repo;
  return {
    ...template,
    id: repository.id,
    name: repository.name,
    full_name: `${repository.owner}/${repository.name}`,
    owner: { ...template.owner, login: repository.owner },
    html_url: `${WEB}/${repository.owner}/${repository.name}`,
    default_branch: repository.defaultBranch,
  };
}

export function pullRequestShape(site: Site, repository: Repository, pull: PullRequest) {
  const repo = repositoryShape(repository);
  const html = `${WEB}/${repository.owner}/${repository.name}/pull/${pull.number}`;
  return {
    ...pullRequestFixture,
    url: `${repoUrl(site, repository)}/pulls/${pull.number}`,
    html_url: html,
    issue_url: `${repoUrl(site, repository)}/issues/${pull.number}`,
    number: pull.number,
    state: pull.state,
    merged: pull.merged,
    updated_at: pull.updatedAt,
    user: user({ login: pull.user, type: "User" }),
    head: { ...pullRequestFixture.head, ref: pull.headRef, sha: pull.headSha, label: `${repository.owner}:${pull.headRef}`, repo },
    base: { ...pullRequestFixture.base, ref: pull.baseRef, sha: repository.branches.get(pull.baseRef) ?? pullRequestFixture.base.sha, label: `${repository.owner}:${pull.baseRef}`, repo },
  };
}

const LEGACY_PERMISSION: Record<Role, string> = { admin: "admin", maintain: "write", write: "write", triage: "read", read: "read" };

export function permissionShape(login: string, role: Role) {
  const person = { ...permissionFixture.user, login, role_name: role };
  return { ...permissionFixture, permission: LEGACY_PERMISSION[role], role_name: role, user: person };
}

export function checkRunShape(site: Site, repository: Repository, run: CheckRun) {
  return {
    ...checkRunFixture,
    id: run.id,
    name: run.name,
    head_sha: run.headSha,
    external_id: run.externalId,
    url: `${repoUrl(site, repository)}/check-runs/${run.id}`,
    html_url: `${WEB}/${repository.owner}/${repository.name}/runs/${run.id}`,
    details_url: run.detailsUrl,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.startedAt,
    completed_at: run.completedAt,
    output: { ...checkRunFixture.output, ...run.output, url: undefined, annotations_url: `${repoUrl(site, repository)}/check-runs/${run.id}/annotations` },
    app: run.app === "slipway" ? checkRunFixture.app : { ...checkRunFixture.app, id: 15368, slug: "github-actions", name: "GitHub Actions" },
    pull_requests: [],
  };
}

export function deploymentShape(site: Site, repository: Repository, deployment: Deployment) {
  const url = `${repoUrl(site, repository)}/deployments/${deployment.id}`;
  const updated = deployment.statuses.at(-1)?.createdAt ?? deployment.createdAt;
  return {
    ...deploymentFixture,
    url,
    id: deployment.id,
    task: deployment.task,
    original_environment: deployment.environment,
    environment: deployment.environment,
    description: deployment.description,
    created_at: deployment.createdAt,
    updated_at: updated,
    statuses_url: `${url}/statuses`,
    repository_url: repoUrl(site, repository),
    creator: user(deployment.creator),
    sha: deployment.sha,
    ref: deployment.ref,
    payload: deployment.payload,
    transient_environment: deployment.transient,
    production_environment: deployment.production,
  };
}

export function deploymentStatusShape(site: Site, repository: Repository, deployment: Deployment, status: DeploymentStatus) {
  const deploymentUrl = `${repoUrl(site, repository)}/deployments/${deployment.id}`;
  return {
    ...deploymentStatusFixture,
    url: `${deploymentUrl}/statuses/${status.id}`,
    id: status.id,
    state: status.state,
    description: status.description,
    environment: deployment.environment,
    target_url: status.logUrl,
    log_url: status.logUrl,
    environment_url: status.environmentUrl,
    created_at: status.createdAt,
    updated_at: status.createdAt,
    deployment_url: deploymentUrl,
    repository_url: repoUrl(site, repository),
  };
}

export function commentShape(site: Site, repository: Repository, comment: IssueComment) {
  const counts = { "+1": 0, "-1": 0, laugh: 0, hooray: 0, confused: 0, heart: 0, rocket: 0, eyes: 0 };
  const reactions = repository.reactions.filter((reaction) => reaction.commentId === comment.id);
  for (const reaction of reactions) if (reaction.content in counts) counts[reaction.content as keyof typeof counts] += 1;
  const url = `${repoUrl(site, repository)}/issues/comments/${comment.id}`;
  const template = comment.user.type === "Bot" ? commentFixture : humanCommentFixture;
  return {
    ...template,
    url,
    html_url: `${WEB}/${repository.owner}/${repository.name}/pull/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${repoUrl(site, repository)}/issues/${comment.issueNumber}`,
    id: comment.id,
    user: user(comment.user),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    body: comment.body,
    reactions: { url: `${url}/reactions`, total_count: reactions.length, ...counts },
  };
}

export function reactionShape(reaction: Reaction) {
  return { ...reactionFixture, id: reaction.id, user: user(reaction.user), content: reaction.content, created_at: reaction.createdAt };
}

export function commitStatusShape(site: Site, repository: Repository, status: CommitStatus) {
  const template = combinedStatusFixture.statuses[0];
  return {
    ...template,
    url: `${repoUrl(site, repository)}/statuses/${status.sha}`,
    id: status.id,
    state: status.state,
    description: status.description,
    target_url: status.targetUrl,
    context: status.context,
    created_at: status.createdAt,
    updated_at: status.createdAt,
  };
}

export function combinedStatusShape(site: Site, repository: Repository, sha: string, latest: CommitStatus[], page: CommitStatus[]) {
  const state = latest.some((status) => status.state === "error" || status.state === "failure")
    ? "failure"
    : latest.length > 0 && latest.every((status) => status.state === "success")
      ? "success"
      : "pending";
  return {
    ...combinedStatusFixture,
    state,
    statuses: page.map((status) => commitStatusShape(site, repository, status)),
    sha,
    total_count: latest.length,
    repository: { ...combinedStatusFixture.repository, id: repository.id, name: repository.name, full_name: `${repository.owner}/${repository.name}` },
    commit_url: `${repoUrl(site, repository)}/commits/${sha}`,
    url: `${repoUrl(site, repository)}/commits/${sha}/status`,
  };
}
