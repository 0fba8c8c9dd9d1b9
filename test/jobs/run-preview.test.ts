import { gzipSync } from "node:zlib";
import nock from "nock";
import { buildFileKey } from "../../src/blobs/blob-store";
import { buildKeyOf } from "../../src/deploy/ensure-build";
import { EnvironmentBusyError } from "../../src/deploy/environment-busy-error";
import { runPreview } from "../../src/jobs/preview/run-preview";
import type { JobContext } from "../../src/jobs/job-context";
import type { PreviewJob } from "../../src/jobs/preview/preview-job";
import type { Stores } from "../../src/store/stores";
import { tar } from "../providers/static/tarball";
import { CODELOAD, recordCalls } from "../helpers/github-api";
import { SITE_BASE_URL, testJobContext } from "../helpers/job-context";
import * as github from "../helpers/preview-api";
import { testStores } from "../helpers/test-stores";

const { OWNER, REPO, SHA } = github;
const top = `${OWNER}-${REPO}-${SHA.slice(0, 7)}`;
const CONFIG = "preview:\n  source:\n    dir: site\n";

async function siteArchive(extra: Array<{ name: string; type?: "symlink"; linkname?: string; body?: string }> = []): Promise<Buffer> {
  return gzipSync(
    await tar(
      [
        { name: `${top}/`, type: "directory" },
        { name: `${top}/README.md`, body: "# web\n" },
        { name: `${top}/site/index.html`, body: "<h1>Hello from the preview</h1>" },
        { name: `${top}/site/css/app.css`, body: "h1 { color: teal }" },
        ...extra,
      ],
      { comment: SHA },
    ),
  );
}

let pullNumber = 100;

describe("the preview job", () => {
  let stores: Stores;
  let close: () => void;
  let ctx: JobContext;
  let job: PreviewJob;

  // A table per test: stored builds and environments must not leak from one test to the next.
  beforeEach(async () => {
    ({ stores, close } = await testStores());
    ctx = await testJobContext(stores);
    pullNumber += 1;
    job = github.previewJob(pullNumber);
  });

  afterEach(() => close());

  /** A new build's calls up to its result: the config, the Deployment, the archive, the check run. */
  function expectBuildCalls(scope: nock.Scope, archive: Buffer): nock.Scope {
    github.mockConfig(scope, CONFIG);
    github.mockDeploymentCreated(scope, `pr-${pullNumber}`);
    github.mockTarball(scope, archive);
    github.mockCheckRunCreated(scope, "Slipway / preview");
    return scope;
  }

  function expectFirstPreviewCalls(scope: nock.Scope, archive: Buffer): nock.Scope {
    return github.mockFirstPreview(scope, pullNumber, CONFIG, archive);
  }

  it("stores the build, points pr-<n> at it and reports success on GitHub, in 6 API calls and the archive download", async () => {
    const scope = expectFirstPreviewCalls(github.githubApi(), await siteArchive());
    const log = recordCalls(scope);

    const outcome = await runPreview(job, ctx);

    expect(outcome).toEqual({ state: "succeeded", result: `pr-${pullNumber} serves 6dcb09b` });
    scope.done();
    // Nothing is listed: Slipway made none of these objects before, and says so from its own records.
    // A build this quick gets no "building" reports: the first thing the pull request sees is the result.
    expect(log.calls).toEqual([
      "GET /repos/acme/web/contents/.github/slipway.yml",
      `GET /repos/acme/web/tarball/${SHA}`,
      "POST /repos/acme/web/deployments",
      "POST /repos/acme/web/check-runs",
      `POST /repos/acme/web/issues/${pullNumber}/comments`,
      `POST /repos/acme/web/deployments/${github.DEPLOYMENT_ID}/statuses`,
    ]);

    const url = `${SITE_BASE_URL}/acme/web/pr-${pullNumber}/`;
    const environment = await stores.environments.get(OWNER, REPO, `pr-${pullNumber}`);
    expect(environment).toMatchObject({ state: "active", sha: SHA, deploymentId: github.DEPLOYMENT_ID, url, pullNumber });
    const buildKey = buildKeyOf({ sha: SHA, source: { dir: "site" } });
    const index = await ctx.blobs.get(buildFileKey(OWNER, REPO, buildKey, "index.html"));
    expect(index?.body.toString()).toBe("<h1>Hello from the preview</h1>");
    expect(index?.contentType).toMatch(/^text\/html/);
    expect(await ctx.blobs.get(buildFileKey(OWNER, REPO, buildKey, "README.md"))).toBeUndefined();

    const created = log.bodies.find((entry) => entry.call === "POST /repos/acme/web/deployments")?.body;
    expect(created).toMatchObject({
      ref: SHA,
      environment: `pr-${pullNumber}`,
      required_contexts: [],
      auto_merge: false,
      transient_environment: true,
      production_environment: false,
    });
    const statuses = log.bodies.filter((entry) => entry.call.endsWith("/statuses")).map((entry) => entry.body);
    expect(statuses.map((status) => status.state)).toEqual(["success"]);
    expect(statuses[0]).toMatchObject({ environment_url: url, log_url: "https://github.com/acme/web/runs/29573118223" });
    const comment = log.bodies.find((entry) => entry.call === `POST /repos/acme/web/issues/${pullNumber}/comments`)?.body;
    expect(comment?.body).toContain("<!-- slipway:sticky:pull-request -->");
    expect(comment?.body).toContain(`[Open](${url})`);
    const check = log.bodies.find((entry) => entry.call === "POST /repos/acme/web/check-runs")?.body;
    expect(check).toMatchObject({ name: "Slipway / preview", head_sha: SHA, status: "completed", conclusion: "success", details_url: url });
  });

  it("reports a build still running after the grace period as in progress, then edits the same check run and comment", async () => {
    ctx = { ...ctx, progressAfterMs: 20 };
    const scope = github.githubApi();
    github.mockConfig(scope, CONFIG);
    github.mockDeploymentCreated(scope, `pr-${pullNumber}`);
    const download = `/${OWNER}/${REPO}/legacy.tar.gz/${SHA}?token=AABBCCDDEEFF`;
    nock(CODELOAD).get(download).delay(400).reply(200, await siteArchive());
    scope.get(`/repos/${OWNER}/${REPO}/tarball/${SHA}`).reply(302, "", { Location: `${CODELOAD}${download}` });
    github.mockCheckRunCreated(scope, "Slipway / preview");
    github.mockCommentCreated(scope, pullNumber);
    github.mockDeploymentStatuses(scope, 2);
    github.mockCheckRunUpdated(scope, "Slipway / preview");
    github.mockCommentUpdated(scope);
    const log = recordCalls(scope);

    expect(await runPreview(job, ctx)).toMatchObject({ state: "succeeded" });

    scope.done();
    expect(log.bodies.find((entry) => entry.call === "POST /repos/acme/web/check-runs")?.body).toMatchObject({ status: "in_progress" });
    expect(String(log.bodies.find((entry) => entry.call.endsWith(`/issues/${pullNumber}/comments`))?.body.body)).toContain("Building");
    expect(log.bodies.filter((entry) => entry.call.endsWith("/statuses")).map((entry) => entry.body.state)).toEqual(["in_progress", "success"]);
    expect(log.bodies.find((entry) => entry.call.startsWith("PATCH /repos/acme/web/check-runs"))?.body).toMatchObject({ status: "completed", conclusion: "success" });
    expect(String(log.bodies.find((entry) => entry.call.startsWith("PATCH /repos/acme/web/issues/comments"))?.body.body)).toContain("Ready");
  });

  it("reuses a stored build and retires the deployment it replaces", async () => {
    const archive = await siteArchive();
    expectFirstPreviewCalls(github.githubApi(), archive);
    await runPreview(job, ctx);
    nock.cleanAll();

    // The same commit again under a newer event (a re-run): the old deployment was 555.
    await stores.environments.point({ ...(await stores.environments.get(OWNER, REPO, `pr-${pullNumber}`))!, deploymentId: 555 });
    ctx = { ...ctx, now: () => new Date(Date.now() + 3_600_000) };
    // A stored build is served first (the pointer moves before GitHub hears of it); the job's
    // Deployment, check run and comment are the ones it recorded, found without listing.
    const scope = github.githubApi();
    github.mockConfig(scope, CONFIG);
    github.mockDeploymentStatuses(scope, 1);
    github.mockDeploymentStatuses(scope, 1, 555);
    github.mockCheckRunUpdated(scope, "Slipway / preview");
    github.mockCommentUpdated(scope);
    const log = recordCalls(scope);

    expect(await runPreview({ ...job, eventAt: "2026-11-20T11:00:00.000Z" }, ctx)).toMatchObject({ state: "succeeded" });
    scope.done();
    expect(log.calls).not.toContain(`GET /repos/acme/web/tarball/${SHA}`);
    expect(log.bodies.find((entry) => entry.call === "POST /repos/acme/web/deployments/555/statuses")?.body).toMatchObject({ state: "inactive" });
    expect(log.bodies.find((entry) => entry.call === `POST /repos/acme/web/deployments/${github.DEPLOYMENT_ID}/statuses`)?.body).toMatchObject({ state: "success" });
  });

  it("writes nothing to GitHub for a commit overtaken while it was being built", async () => {
    const scope = github.githubApi();
    github.mockConfig(scope, CONFIG);
    const download = `/${OWNER}/${REPO}/legacy.tar.gz/${SHA}?token=AABBCCDDEEFF`;
    const archive = await siteArchive();
    nock(CODELOAD)
      .get(download)
      .reply(200, async () => {
        // A push arrives while the archive downloads.
        await stores.pullRequests.record({ owner: OWNER, repo: REPO, pullNumber, headSha: "f".repeat(40), state: "open", eventAt: "2026-11-20T10:00:05.000Z", sequence: 0 });
        return archive;
      });
    scope.get(`/repos/${OWNER}/${REPO}/tarball/${SHA}`).reply(302, "", { Location: `${CODELOAD}${download}` });
    const log = recordCalls(scope);

    expect(await runPreview(job, ctx)).toEqual({ state: "superseded", result: "newer commit fffffff already live" });

    scope.done();
    expect(log.calls.filter((call) => !call.startsWith("GET "))).toEqual([]);
    expect(await stores.environments.get(OWNER, REPO, `pr-${pullNumber}`)).toBeUndefined();
  });

  it("skips a commit the pull request has moved past, without calling GitHub", async () => {
    await stores.pullRequests.record({ owner: OWNER, repo: REPO, pullNumber, headSha: "f".repeat(40), state: "open", eventAt: "2026-11-20T12:00:00.000Z", sequence: 0 });
    expect(await runPreview(job, ctx)).toEqual({ state: "superseded", result: "pull request moved on to fffffff (open)" });
  });

  it("does not let a stale job overwrite a newer commit's preview that finished first", async () => {
    const newer = "e".repeat(40);
    await stores.environments.point({
      installationId: 1, repoId: 424242, owner: OWNER, repo: REPO, name: `pr-${pullNumber}`, state: "active", sha: newer,
      buildKey: `${newer}-x`, spa: false, sourceAt: "2026-11-20T12:00:00.000Z", url: "u", updatedAt: "2026-11-20T12:00:00.000Z",
    });
    const scope = expectBuildCalls(github.githubApi(), await siteArchive());
    github.mockDeploymentStatuses(scope, 1);
    const log = recordCalls(scope);

    expect(await runPreview(job, ctx)).toEqual({ state: "superseded", result: "newer commit eeeeeee already live" });
    scope.done();
    expect(log.bodies.filter((entry) => entry.call.endsWith("/statuses")).at(-1)?.body).toMatchObject({ state: "inactive" });
    expect(await stores.environments.get(OWNER, REPO, `pr-${pullNumber}`)).toMatchObject({ sha: newer });
  });

  it("reports an invalid configuration on the config check run and does nothing else", async () => {
    const scope = github.githubApi();
    github.mockConfig(scope, "preview:\n  ttl_days: soon\n  sorce: {}\n");
    github.mockCheckRunCreated(scope, "Slipway / config");
    const log = recordCalls(scope);

    expect(await runPreview(job, ctx)).toMatchObject({ state: "failed" });
    scope.done();
    const check = log.bodies.find((entry) => entry.call === "POST /repos/acme/web/check-runs")?.body as { conclusion: string; output: { summary: string } };
    expect(check.conclusion).toBe("failure");
    expect(check.output.summary).toContain("`preview.ttl_days`");
    expect(check.output.summary).toContain("`preview.sorce`: is not a known key");
    expect(await stores.environments.get(OWNER, REPO, `pr-${pullNumber}`)).toBeUndefined();
  });

  it("builds no preview of a fork without approval, reading the config of the default branch", async () => {
    const scope = github.githubApi();
    github.mockConfig(scope, "preview:\n  forks: approve\n", "default branch");
    github.mockCommentCreated(scope, pullNumber);
    github.mockCheckRunCreated(scope, "Slipway / preview");
    const log = recordCalls(scope);

    expect(await runPreview({ ...job, fork: true }, ctx)).toEqual({ state: "succeeded", result: "fork preview not built (forks: approve)" });
    scope.done();
    expect(String(log.bodies.find((entry) => entry.call.endsWith("/comments"))?.body.body)).toContain("comment `/preview`");
    expect(log.calls.some((call) => call.includes("/deployments") || call.includes("/tarball"))).toBe(false);
  });

  it("refuses an archive with a symlink in the site and says which entry", async () => {
    const scope = expectBuildCalls(github.githubApi(), await siteArchive([{ name: `${top}/site/passwd`, type: "symlink", linkname: "/etc/passwd" }]));
    github.mockCommentCreated(scope, pullNumber);
    github.mockDeploymentStatuses(scope, 1);
    const log = recordCalls(scope);

    const outcome = await runPreview(job, ctx);

    scope.done();
    expect(outcome.state).toBe("failed");
    expect(outcome.result).toContain("site/passwd");
    const statuses = log.bodies.filter((entry) => entry.call.endsWith("/statuses")).map((entry) => entry.body.state);
    expect(statuses).toEqual(["failure"]);
    expect(log.bodies.find((entry) => entry.call === "POST /repos/acme/web/check-runs")?.body).toMatchObject({ conclusion: "failure" });
    expect((await stores.jobs.get("test-job"))?.openDeployments ?? []).toEqual([]);
    expect(await stores.environments.get(OWNER, REPO, `pr-${pullNumber}`)).toBeUndefined();
    expect(await stores.audit.list(OWNER, REPO)).toEqual([
      expect.objectContaining({ action: "preview", environment: `pr-${pullNumber}`, actor: "octocat", sha: SHA, result: "failure", detail: expect.stringContaining("site/passwd") }),
    ]);
  });

  it("records who pushed as the preview's deployer, and expires it ttl_days after the push", async () => {
    const now = new Date("2026-11-20T10:05:00.000Z");
    ctx = { ...ctx, now: () => now };
    const scope = github.githubApi();
    github.mockFirstPreview(scope, pullNumber, `${CONFIG}  ttl_days: 3\n`, await siteArchive());

    expect(await runPreview(job, ctx)).toMatchObject({ state: "succeeded" });

    scope.done();
    expect(await stores.environments.get(OWNER, REPO, `pr-${pullNumber}`)).toMatchObject({ actor: "octocat", expiresAt: "2026-11-23T10:05:00.000Z" });
    expect(await stores.audit.list(OWNER, REPO)).toEqual([expect.objectContaining({ action: "preview", actor: "octocat", trigger: `pull request #${pullNumber}`, result: "success" })]);
  });

  it("waits its turn when another job holds the preview's claim, so the queue runs it again", async () => {
    await stores.claims.claim(OWNER, REPO, `pr-${pullNumber}`, { jobId: "another-job", until: new Date(Date.now() + 60_000) }, new Date());
    const scope = github.githubApi();
    github.mockConfig(scope, CONFIG);

    await expect(runPreview(job, ctx)).rejects.toBeInstanceOf(EnvironmentBusyError);

    scope.done();
    expect(await stores.environments.get(OWNER, REPO, `pr-${pullNumber}`)).toBeUndefined();
  });
});
