import type { Stores } from "../../src/store/stores";
import type { PreviewJob } from "../../src/jobs/preview/preview-job";
import nock from "nock";
import { API, apiFixture, CODELOAD } from "./github-api";

export const OWNER = "acme";
export const REPO = "web";
export const SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
export const DEPLOYMENT_ID = 1782034577;
export const CHECK_RUN_ID = 29573118223;
export const COMMENT_ID = 2326617431;
const raw = { "Content-Type": "text/plain; charset=utf-8" };
const repoPath = `/repos/${OWNER}/${REPO}`;

/** `.github/slipway.yml` at the commit, or on the default branch (`ref: "default branch"`). */
export function mockConfig(scope: nock.Scope, yaml: string, ref: string = SHA): nock.Scope {
  const file = scope.get(`${repoPath}/contents/.github%2Fslipway.yml`);
  return (ref === "default branch" ? file : file.query({ ref })).reply(200, yaml, raw);
}

/** The check run `name` on the commit is created: Slipway has none recorded, so it lists nothing first. */
export function mockCheckRunCreated(scope: nock.Scope, name: string, sha = SHA): nock.Scope {
  return scope.post(`${repoPath}/check-runs`, (body: { name?: string }) => body.name === name).reply(201, { ...apiFixture("check-run"), name, head_sha: sha });
}

/** The check run Slipway recorded (id {@link CHECK_RUN_ID}) is updated, without listing. */
export function mockCheckRunUpdated(scope: nock.Scope, name: string, sha = SHA): nock.Scope {
  return scope.patch(`${repoPath}/check-runs/${CHECK_RUN_ID}`).reply(200, { ...apiFixture("check-run"), name, head_sha: sha, status: "completed" });
}

/** A Deployment is created: Slipway has none recorded for this job, so it lists nothing first. */
export function mockDeploymentCreated(scope: nock.Scope, environment: string, sha = SHA): nock.Scope {
  return scope.post(`${repoPath}/deployments`).reply(201, { ...apiFixture("deployment"), sha, ref: sha, environment });
}

export function mockDeploymentStatuses(scope: nock.Scope, count: number, deploymentId = DEPLOYMENT_ID): nock.Scope {
  return scope.post(`${repoPath}/deployments/${deploymentId}/statuses`).times(count).reply(201, apiFixture("deployment-status"));
}

/** The sticky comment is created: Slipway has none recorded for the pull request, so it lists nothing first. */
export function mockCommentCreated(scope: nock.Scope, pullNumber: number): nock.Scope {
  return scope.post(`${repoPath}/issues/${pullNumber}/comments`).reply(201, apiFixture("issue-comment"));
}

/** The sticky comment Slipway recorded (id {@link COMMENT_ID}) is edited, without listing. */
export function mockCommentUpdated(scope: nock.Scope): nock.Scope {
  return scope.patch(`${repoPath}/issues/comments/${COMMENT_ID}`).reply(200, apiFixture("issue-comment"));
}

/** The tarball endpoint's redirect and the archive behind it (on the download host). */
export function mockTarball(scope: nock.Scope, archive: Buffer, sha = SHA): nock.Scope {
  const download = `/${OWNER}/${REPO}/legacy.tar.gz/${sha}?token=AABBCCDDEEFF`;
  nock(CODELOAD).get(download).reply(200, archive, { "Content-Type": "application/x-gzip", "Content-Length": String(archive.length) });
  return scope.get(`${repoPath}/tarball/${sha}`).reply(302, "", { Location: `${CODELOAD}${download}` });
}

export function githubApi(): nock.Scope {
  return nock(API);
}

export const INSTALLATION_TOKEN = "ghs_16C7e42F292c6912E7710c838347Ae178B4a";

/**
 * The installation token exchange Probot makes, signed with the app's JWT, before an
 * installation's first call. Calls answered by a scope made with {@link installationApi} only
 * match when they carry the token handed out here.
 */
export function mockInstallationToken(installationId = 1): nock.Scope {
  return nock(API, { reqheaders: { authorization: (value) => /^bearer \S+\.\S+\.\S+$/i.test(value) } })
    .post(`/app/installations/${installationId}/access_tokens`)
    .reply(201, {
      token: INSTALLATION_TOKEN,
      expires_at: new Date(Date.now() + 60 * 60 * 1000).toISOString(),
      permissions: { checks: "write", contents: "read", deployments: "write", issues: "write", metadata: "read", pull_requests: "write" },
      repository_selection: "all",
    });
}

/** GitHub's REST API, answering only requests authenticated with {@link INSTALLATION_TOKEN}. */
export function installationApi(): nock.Scope {
  return nock(API, { reqheaders: { authorization: `token ${INSTALLATION_TOKEN}` } });
}

/**
 * Every call of a pull request's first preview, from loading the config to the final comment,
 * for a build quicker than the progress grace period: no "building" reports.
 */
export function mockFirstPreview(scope: nock.Scope, pullNumber: number, config: string, archive: Buffer): nock.Scope {
  mockConfig(scope, config);
  mockDeploymentCreated(scope, `pr-${pullNumber}`);
  mockTarball(scope, archive);
  mockCheckRunCreated(scope, "Slipway / preview");
  mockDeploymentStatuses(scope, 1);
  return mockCommentCreated(scope, pullNumber);
}

/** The preview job of `pullNumber` at {@link SHA} in acme/web. */
export function previewJob(pullNumber: number, overrides: Partial<PreviewJob> = {}): PreviewJob {
  return {
    kind: "preview",
    repository: { installationId: 1, repoId: 424242, owner: OWNER, repo: REPO },
    pullNumber,
    headSha: SHA,
    headRef: "feature",
    fork: false,
    actor: "octocat",
    eventAt: "2026-11-20T10:00:00.000Z",
    ...overrides,
  };
}

/** Slipway recorded the pull request's sticky comment as {@link COMMENT_ID} when it made it. */
export async function rememberStickyComment(stores: Stores, pullNumber: number): Promise<void> {
  await stores.githubObjects.saveCreated(OWNER, REPO, `comment:${pullNumber}:<!-- slipway:sticky:pull-request -->`, { id: COMMENT_ID, url: `https://github.com/${OWNER}/${REPO}/pull/${pullNumber}#issuecomment-${COMMENT_ID}` }, new Date());
}
