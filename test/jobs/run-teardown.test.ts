import type { JobContext } from "../../src/jobs/job-context";
import type { TeardownJob } from "../../src/jobs/teardown/teardown-job";
import { runTeardown } from "../../src/jobs/teardown/run-teardown";
import type { EnvironmentRecord } from "../../src/model/records";
import type { Stores } from "../../src/store/stores";
import { recordCalls } from "../helpers/github-api";
import { countingLogins, testJobContext } from "../helpers/job-context";
import * as github from "../helpers/preview-api";
import { testStores } from "../helpers/test-stores";

const { OWNER, REPO, SHA, DEPLOYMENT_ID } = github;
const MARKER = "<!-- slipway:sticky:pull-request -->";
const LIVE_SINCE = "2026-11-20T10:00:00.000Z";

let pullNumber = 300;

describe("the teardown job", () => {
  let stores: Stores;
  let close: () => void;
  let ctx: JobContext;
  let githubLogins: () => number;
  let environment: string;

  function teardown(overrides: Partial<TeardownJob> = {}): TeardownJob {
    return {
      kind: "teardown",
      repository: { installationId: 1, repoId: 424242, owner: OWNER, repo: REPO },
      pullNumber,
      reason: "closed",
      eventAt: "2026-11-20T12:00:00.000Z",
      ...overrides,
    };
  }

  function livePreview(overrides: Partial<EnvironmentRecord> = {}): EnvironmentRecord {
    return {
      installationId: 1,
      repoId: 424242,
      owner: OWNER,
      repo: REPO,
      name: environment,
      state: "active",
      sha: SHA,
      buildKey: `${SHA}-site`,
      spa: false,
      sourceAt: LIVE_SINCE,
      deploymentId: DEPLOYMENT_ID,
      pullNumber,
      url: `http://127.0.0.1:9/sites/${OWNER}/${REPO}/${environment}/`,
      expiresAt: "2026-11-27T10:00:00.000Z",
      updatedAt: LIVE_SINCE,
      ...overrides,
    };
  }

  beforeEach(async () => {
    ({ stores, close } = await testStores());
    ({ ctx, logins: githubLogins } = countingLogins(await testJobContext(stores)));
    pullNumber += 1;
    environment = `pr-${pullNumber}`;
  });

  afterEach(() => close());

  it("removes a live preview, marks its deployment inactive and says so in the sticky comment", async () => {
    await stores.environments.point(livePreview());
    const scope = github.githubApi();
    github.mockDeploymentStatuses(scope, 1);
    await github.rememberStickyComment(stores, pullNumber);
    github.mockCommentUpdated(scope);
    const log = recordCalls(scope);

    const outcome = await runTeardown(teardown(), ctx);

    scope.done();
    expect(outcome).toEqual({ state: "succeeded", result: `${environment} removed (closed)` });
    expect(await stores.environments.get(OWNER, REPO, environment)).toMatchObject({ state: "removed", sha: SHA, sourceAt: "2026-11-20T12:00:00.000Z" });
    expect(log.calls).toEqual([
      `POST /repos/${OWNER}/${REPO}/deployments/${DEPLOYMENT_ID}/statuses`,
      `PATCH /repos/${OWNER}/${REPO}/issues/comments/${github.COMMENT_ID}`,
    ]);
    expect(log.bodies[0]?.body).toMatchObject({ state: "inactive", description: "Pull request closed", auto_inactive: false });
    const comment = String(log.bodies[1]?.body.body);
    expect(comment).toContain(MARKER);
    expect(comment).toContain(`| ${environment} | 🗑️ Removed | — | \`${SHA.slice(0, 7)}\` |`);
    expect(comment).toContain("The preview was removed because the pull request was closed.");
  });

  it("comments without a deployment status when the preview never got a Deployment", async () => {
    await stores.environments.point(livePreview({ deploymentId: undefined }));
    const scope = github.githubApi();
    await github.rememberStickyComment(stores, pullNumber);
    github.mockCommentUpdated(scope);
    const log = recordCalls(scope);

    expect(await runTeardown(teardown(), ctx)).toMatchObject({ state: "succeeded" });

    scope.done();
    expect(log.calls.some((call) => call.includes("/deployments/"))).toBe(false);
  });

  it("does nothing on GitHub when the preview was already removed (a redelivered teardown)", async () => {
    await stores.environments.point(livePreview({ state: "removed", sourceAt: "2026-11-20T12:00:00.000Z" }));
    const before = await stores.environments.get(OWNER, REPO, environment);

    const outcome = await runTeardown(teardown(), ctx);

    expect(outcome).toEqual({ state: "succeeded", result: `no live ${environment} to remove` });
    expect(githubLogins()).toBe(0);
    expect(await stores.environments.get(OWNER, REPO, environment)).toEqual(before);
  });

  it("does nothing on GitHub when the pull request never had a preview", async () => {
    const outcome = await runTeardown(teardown(), ctx);

    expect(outcome).toEqual({ state: "succeeded", result: `no live ${environment} to remove` });
    expect(githubLogins()).toBe(0);
    expect(await stores.environments.get(OWNER, REPO, environment)).toBeUndefined();
  });

  it("keeps a preview that a newer event (reopened and pushed) produced after the teardown's event", async () => {
    await stores.environments.point(livePreview({ sourceAt: "2026-11-20T13:00:00.000Z" }));

    const outcome = await runTeardown(teardown({ eventAt: "2026-11-20T12:00:00.000Z" }), ctx);

    expect(outcome).toEqual({ state: "succeeded", result: `no live ${environment} to remove` });
    expect(githubLogins()).toBe(0);
    expect(await stores.environments.get(OWNER, REPO, environment)).toMatchObject({ state: "active", sourceAt: "2026-11-20T13:00:00.000Z" });
  });

  it("explains an expired preview by its ttl_days and how to bring it back", async () => {
    await stores.environments.point(livePreview());
    const scope = github.githubApi();
    github.mockDeploymentStatuses(scope, 1);
    github.mockCommentCreated(scope, pullNumber);
    const log = recordCalls(scope);

    const outcome = await runTeardown(teardown({ reason: "expired", eventAt: "2026-11-27T10:00:00.000Z" }), ctx);

    scope.done();
    expect(outcome).toEqual({ state: "succeeded", result: `${environment} removed (expired)` });
    expect(await stores.environments.get(OWNER, REPO, environment)).toMatchObject({ state: "removed" });
    expect(log.bodies[0]?.body).toMatchObject({ state: "inactive", description: "Removed after a period without pushes" });
    const comment = String(log.bodies.find((entry) => entry.call === `POST /repos/${OWNER}/${REPO}/issues/${pullNumber}/comments`)?.body.body);
    expect(comment).toContain(MARKER);
    expect(comment).toContain("`preview.ttl_days`");
    expect(comment).toContain("Push a commit to bring it back.");
  });
});
