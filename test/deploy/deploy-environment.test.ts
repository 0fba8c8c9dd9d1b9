import { gzipSync } from "node:zlib";
import { logKey } from "../../src/blobs/blob-store";
import { deployEnvironment, type DeployRequest } from "../../src/deploy/deploy-environment";
import type { JobContext } from "../../src/jobs/job-context";
import type { Stores } from "../../src/store/stores";
import { tar } from "../providers/static/tarball";
import { recordCalls } from "../helpers/github-api";
import { testJobContext } from "../helpers/job-context";
import * as github from "../helpers/preview-api";
import { testStores } from "../helpers/test-stores";
import { TestOctokit } from "../helpers/test-probot";
import type { Octokit } from "../../src/github/octokit";

const { OWNER, REPO, SHA } = github;

const request = (overrides: Partial<DeployRequest> = {}): DeployRequest => ({
  repository: { installationId: 1, repoId: 424242, owner: OWNER, repo: REPO },
  environment: "staging",
  sha: SHA,
  source: { dir: "public" },
  spa: false,
  action: "deploy",
  actor: "octocat",
  trigger: "/deploy staging",
  sourceAt: "2026-11-20T10:00:00.000Z",
  ...overrides,
});

async function archive(): Promise<Buffer> {
  return gzipSync(await tar([{ name: `${OWNER}-${REPO}-6dcb09b/public/index.html`, body: "<h1>staging</h1>" }]));
}

// Two deploys of one environment at once, against DynamoDB Local: the environment's claim is
// one conditional write, so exactly one of them deploys and the other is told it is busy.
describe("deploying an environment", () => {
  let stores: Stores;
  let close: () => void;
  let ctx: JobContext;
  const octokit = () => new TestOctokit({ auth: { token: "ghs_test" } }) as Octokit;

  beforeEach(async () => {
    ({ stores, close } = await testStores());
    ctx = await testJobContext(stores);
  });
  afterEach(() => close());

  it("lets exactly one of two concurrent deploys win; the other is told the environment is busy", async () => {
    const scope = github.githubApi();
    github.mockDeploymentCreated(scope, "staging");
    github.mockDeploymentStatuses(scope, 1);
    github.mockTarball(scope, await archive());
    const log = recordCalls(scope);

    const results = await Promise.all([deployEnvironment({ ...ctx, jobId: "job-a" }, octokit(), request()), deployEnvironment({ ...ctx, jobId: "job-b" }, octokit(), request({ actor: "hubot" }))]);

    scope.done();
    expect(results.map((result) => result.outcome).sort()).toEqual(["busy", "deployed"]);
    expect(log.calls.filter((call) => call === "POST /repos/acme/web/deployments")).toHaveLength(1);
    const audit = await stores.audit.list(OWNER, REPO);
    expect(audit.map((entry) => entry.result).sort()).toEqual(["refused", "success"]);
    // The loser left the claim alone, and the winner gave it up: the next deploy may go.
    expect(await stores.claims.claim(OWNER, REPO, "staging", { jobId: "job-c", until: new Date(Date.now() + 60_000) }, new Date())).toBe(true);
  });

  it("does not let a deploy asked for earlier replace one asked for later that finished first", async () => {
    const later = "e".repeat(40);
    await stores.environments.point({
      installationId: 1, repoId: 424242, owner: OWNER, repo: REPO, name: "staging", state: "active", sha: later,
      buildKey: `${later}-x`, spa: false, sourceAt: "2026-11-20T11:00:00.000Z", url: "u", updatedAt: "2026-11-20T11:00:00.000Z",
    });
    const scope = github.githubApi();
    github.mockDeploymentCreated(scope, "staging");
    github.mockDeploymentStatuses(scope, 1);
    github.mockTarball(scope, await archive());
    const log = recordCalls(scope);

    const result = await deployEnvironment({ ...ctx, jobId: "job-old" }, octokit(), request());

    scope.done();
    expect(result).toEqual({ outcome: "superseded", currentSha: later });
    expect(log.bodies.filter((entry) => entry.call.endsWith("/statuses")).at(-1)?.body).toMatchObject({ state: "inactive" });
    expect((await stores.environments.get(OWNER, REPO, "staging"))?.sha).toBe(later);
  });

  it("keeps a deploy's whole log beside the builds, and who deployed what is live", async () => {
    const scope = github.githubApi();
    github.mockDeploymentCreated(scope, "staging");
    github.mockDeploymentStatuses(scope, 1);
    github.mockTarball(scope, await archive());

    const result = await deployEnvironment({ ...ctx, jobId: "job-log" }, octokit(), request());

    scope.done();
    expect(result.outcome).toBe("deployed");
    const saved = (await ctx.blobs.get(logKey(424242, "staging", SHA)))?.body.toString();
    expect(saved).toContain(`Deploy of acme/web@${SHA} to staging (/deploy staging, source \`public\`).`);
    expect(saved).toContain("Stored 1 files");
    expect(saved).toContain("staging now serves 6dcb09b");
    expect(await stores.environments.get(OWNER, REPO, "staging")).toMatchObject({ actor: "octocat" });
    // Settled: nothing is left for the worker to mark `error` if the job were to fail later.
    expect((await stores.jobs.get("job-log"))?.openDeployments ?? []).toEqual([]);
  });
});
