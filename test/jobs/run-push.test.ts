import { gzipSync } from "node:zlib";
import nock from "nock";
import type { JobContext } from "../../src/jobs/job-context";
import type { PushJob } from "../../src/jobs/push/push-job";
import { buildFileKey } from "../../src/blobs/blob-store";
import { buildKeyOf } from "../../src/deploy/ensure-build";
import { EnvironmentBusyError } from "../../src/deploy/environment-busy-error";
import { runPush } from "../../src/jobs/push/run-push";
import type { Stores } from "../../src/store/stores";
import { tar } from "../providers/static/tarball";
import { mockDeploymentCreatedAs } from "../helpers/command-api";
import { recordCalls } from "../helpers/github-api";
import { SITE_BASE_URL, countingLogins, testJobContext } from "../helpers/job-context";
import * as github from "../helpers/preview-api";
import { testStores } from "../helpers/test-stores";

const { OWNER, REPO, SHA, DEPLOYMENT_ID } = github;
const CONFIG = "preview:\n  source:\n    dir: site\nenvironments:\n  production:\n    branch: main\n    permission: maintain\n";
const PRODUCTION_URL = `${SITE_BASE_URL}/acme/web/production/`;
const COMPARE_URL = "https://github.com/acme/web/compare/1d3a5f0c...6dcb09b5b578";

async function siteArchive(): Promise<Buffer> {
  const top = `${OWNER}-${REPO}-${SHA.slice(0, 7)}`;
  return gzipSync(
    await tar(
      [
        { name: `${top}/`, type: "directory" },
        { name: `${top}/site/index.html`, body: "<h1>main</h1>" },
      ],
      { comment: SHA },
    ),
  );
}

function pushJob(overrides: Partial<PushJob> = {}): PushJob {
  return {
    kind: "push",
    repository: { installationId: 1, repoId: 424242, owner: OWNER, repo: REPO },
    branch: "main",
    headSha: SHA,
    pusher: "carol",
    compareUrl: COMPARE_URL,
    eventAt: "2026-11-20T10:00:00.000Z",
    ...overrides,
  };
}

/** Every mock answered, including the archive download host. */
function allUsed(scope: nock.Scope): void {
  scope.done();
  expect(nock.pendingMocks()).toEqual([]);
}

describe("the push job", () => {
  let stores: Stores;
  let close: () => void;
  let ctx: JobContext;
  let githubLogins: () => number;

  beforeEach(async () => {
    ({ stores, close } = await testStores());
    ({ ctx, logins: githubLogins } = countingLogins(await testJobContext(stores)));
  });

  afterEach(() => close());

  it("deploys production from a push to main, with the config read at the pushed commit, and completes the deploy check run", async () => {
    const scope = github.githubApi();
    github.mockConfig(scope, CONFIG, SHA);
    mockDeploymentCreatedAs(scope, "production", SHA, DEPLOYMENT_ID);
    github.mockDeploymentStatuses(scope, 1);
    github.mockTarball(scope, await siteArchive());
    github.mockCheckRunCreated(scope, "Slipway / deploy");
    const log = recordCalls(scope);

    expect(await runPush(pushJob(), ctx)).toEqual({ state: "succeeded", result: `- **production**: deployed, ${PRODUCTION_URL}` });

    allUsed(scope);
    expect(log.bodies.find((entry) => entry.call === "POST /repos/acme/web/deployments")?.body).toMatchObject({
      ref: SHA,
      environment: "production",
      production_environment: true,
      transient_environment: false,
    });
    const statuses = log.bodies.filter((entry) => entry.call.endsWith("/statuses")).map((entry) => entry.body);
    expect(statuses.map((status) => status.state)).toEqual(["success"]);
    expect(statuses[0]).toMatchObject({ environment_url: PRODUCTION_URL, log_url: COMPARE_URL });
    const check = log.bodies.find((entry) => entry.call === "POST /repos/acme/web/check-runs")?.body as { name: string; head_sha: string; conclusion: string; output: { title: string; summary: string } };
    expect(check).toMatchObject({ name: "Slipway / deploy", head_sha: SHA, status: "completed", conclusion: "success" });
    expect(check.output.title).toBe("Deployed production");
    expect(check.output.summary).toContain("Push to `main` by @carol");

    expect(await stores.environments.get(OWNER, REPO, "production")).toMatchObject({ state: "active", sha: SHA, actor: "carol", buildKey: buildKeyOf({ sha: SHA, source: { dir: "site" } }) });
    expect(await stores.audit.list(OWNER, REPO)).toEqual([
      expect.objectContaining({ action: "deploy", environment: "production", actor: "carol", trigger: "push to main", sha: SHA, result: "success", link: COMPARE_URL }),
    ]);
  });

  it("builds an environment from its own source and spa setting, not the preview's", async () => {
    const top = `${OWNER}-${REPO}-${SHA.slice(0, 7)}`;
    const archive = gzipSync(
      await tar(
        [
          { name: `${top}/site/index.html`, body: "<h1>preview</h1>" },
          { name: `${top}/dist/index.html`, body: "<h1>production</h1>" },
        ],
        { comment: SHA },
      ),
    );
    const scope = github.githubApi();
    github.mockConfig(scope, `${CONFIG}    source:\n      dir: dist\n    spa: true\n`, SHA);
    mockDeploymentCreatedAs(scope, "production", SHA, DEPLOYMENT_ID);
    github.mockDeploymentStatuses(scope, 1);
    github.mockTarball(scope, archive);
    github.mockCheckRunCreated(scope, "Slipway / deploy");

    expect(await runPush(pushJob(), ctx)).toMatchObject({ state: "succeeded" });

    allUsed(scope);
    const buildKey = buildKeyOf({ sha: SHA, source: { dir: "dist" } });
    expect(await stores.environments.get(OWNER, REPO, "production")).toMatchObject({ buildKey, spa: true });
    expect((await ctx.blobs.get(buildFileKey(OWNER, REPO, buildKey, "index.html")))?.body.toString()).toBe("<h1>production</h1>");
  });

  it("deploys nothing for a push to a branch no environment deploys from", async () => {
    const scope = github.githubApi();
    github.mockConfig(scope, CONFIG, SHA);
    const log = recordCalls(scope);

    expect(await runPush(pushJob({ branch: "feature/new-header" }), ctx)).toEqual({ state: "succeeded", result: "no environment deploys from feature/new-header" });

    allUsed(scope);
    expect(log.calls).toEqual(["GET /repos/acme/web/contents/.github/slipway.yml"]);
    expect(await stores.environments.get(OWNER, REPO, "production")).toBeUndefined();
    expect(await stores.audit.list(OWNER, REPO)).toEqual([]);
  });

  it("skips a push the branch has moved past, without calling GitHub", async () => {
    await stores.branches.record({ owner: OWNER, repo: REPO, branch: "main", headSha: "e".repeat(40), eventAt: "2026-11-20T11:00:00.000Z", sequence: 0 });

    expect(await runPush(pushJob(), ctx)).toEqual({ state: "superseded", result: "main moved on to eeeeeee" });

    expect(githubLogins()).toBe(0);
    expect(await stores.environments.get(OWNER, REPO, "production")).toBeUndefined();
  });

  it("does not deploy an environment someone else locked, and fails the check run naming the lock", async () => {
    await stores.locks.acquire({ owner: OWNER, repo: REPO, environment: "production", holder: "alice", reason: "incident 42", createdAt: "2026-11-20T09:00:00.000Z" });
    const scope = github.githubApi();
    github.mockConfig(scope, CONFIG, SHA);
    github.mockCheckRunCreated(scope, "Slipway / deploy");
    const log = recordCalls(scope);

    expect(await runPush(pushJob(), ctx)).toMatchObject({ state: "failed" });

    allUsed(scope);
    expect(log.calls.some((call) => call.includes("/deployments") || call.includes("/tarball/"))).toBe(false);
    const check = log.bodies.find((entry) => entry.call === "POST /repos/acme/web/check-runs")?.body as { conclusion: string; output: { title: string; summary: string } };
    expect(check.conclusion).toBe("failure");
    expect(check.output.title).toBe("Not every environment was deployed");
    expect(check.output.summary).toContain("**production**: not deployed: **production** is locked by @alice since 2026-11-20 09:00 UTC: “incident 42”");
    expect(await stores.environments.get(OWNER, REPO, "production")).toBeUndefined();
    expect(await stores.audit.list(OWNER, REPO)).toEqual([
      expect.objectContaining({ action: "refusal", environment: "production", actor: "carol", trigger: "push to main", sha: SHA, result: "refused", detail: "locked by alice" }),
    ]);
  });

  it("throws EnvironmentBusyError while another job holds production's claim, so the queue delivers the push again", async () => {
    const claimed = await stores.claims.claim(OWNER, REPO, "production", { jobId: "another-job", until: new Date(Date.now() + 10 * 60 * 1000) }, new Date());
    expect(claimed).toBe(true);
    const scope = github.githubApi();
    github.mockConfig(scope, CONFIG, SHA);
    const log = recordCalls(scope);

    await expect(runPush(pushJob(), ctx)).rejects.toBeInstanceOf(EnvironmentBusyError);

    allUsed(scope);
    expect(log.calls).toEqual(["GET /repos/acme/web/contents/.github/slipway.yml"]);
    expect(await stores.environments.get(OWNER, REPO, "production")).toBeUndefined();
    expect(await stores.audit.list(OWNER, REPO)).toEqual([
      expect.objectContaining({ action: "deploy", environment: "production", result: "refused", detail: "another deploy of this environment was running" }),
    ]);
  });
});
