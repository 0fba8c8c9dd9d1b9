import type { JobContext } from "../../src/jobs/job-context";
import type { PushJob } from "../../src/jobs/push/push-job";
import { runPush } from "../../src/jobs/push/run-push";
import type { Stores } from "../../src/store/stores";
import { zipOf } from "../providers/artifact/zip";
import { mockArtifactDownload, mockNoRunYet, mockRun, RUN_ID } from "../helpers/artifact-api";
import { mockDeploymentCreatedAs } from "../helpers/command-api";
import { recordCalls, type CallLog } from "../helpers/github-api";
import { testJobContext } from "../helpers/job-context";
import * as github from "../helpers/preview-api";
import { testStores } from "../helpers/test-stores";

const { SHA } = github;
const ARTIFACT = "preview:\n  source:\n    artifact:\n      workflow: build.yml\n      name: site\n";
const COMPARE_URL = "https://github.com/acme/web/compare/1d3a5f0c...6dcb09b5b578";

function pushJob(overrides: Partial<PushJob> = {}): PushJob {
  return {
    kind: "push",
    repository: { installationId: 1, repoId: 424242, owner: "acme", repo: "web" },
    branch: "main",
    headSha: SHA,
    pusher: "carol",
    compareUrl: COMPARE_URL,
    eventAt: "2026-11-20T10:00:00.000Z",
    ...overrides,
  };
}

function checkBodies(log: CallLog): Array<Record<string, unknown>> {
  return log.bodies.filter((entry) => entry.call.includes("/check-runs")).map((entry) => entry.body);
}

describe("a push to a branch whose environments deploy built sources", () => {
  let stores: Stores;
  let close: () => void;
  let ctx: JobContext;

  beforeEach(async () => {
    ({ stores, close } = await testStores());
    ctx = await testJobContext(stores, { jobId: "push-job-1" });
  });

  afterEach(() => close());

  it("leaves the deploy check queued, waiting for build.yml, while its artifact is not there", async () => {
    const scope = github.githubApi();
    github.mockConfig(scope, `${ARTIFACT}environments:\n  production:\n    branch: main\n`);
    mockNoRunYet(scope, SHA);
    github.mockCheckRunCreated(scope, "Slipway / deploy");
    const log = recordCalls(scope);

    const outcome = await runPush(pushJob(), ctx);

    scope.done();
    expect(outcome.state).toBe("succeeded");
    expect(checkBodies(log)).toEqual([expect.objectContaining({ name: "Slipway / deploy", status: "queued", output: expect.objectContaining({ title: "Waiting for build.yml" }) })]);
    expect(checkBodies(log)[0]).not.toHaveProperty("conclusion");
    expect(await stores.environments.get("acme", "web", "production")).toBeUndefined();
  });

  it("deploys only the environments waiting for the artifact when the run's completion resumes the push", async () => {
    const zip = await zipOf([{ name: "index.html", body: "<h1>built</h1>" }]);
    const scope = github.githubApi();
    github.mockConfig(scope, `${ARTIFACT}environments:\n  production:\n    branch: main\n  docs:\n    branch: main\n    source:\n      dir: docs\n`);
    mockRun(scope);
    mockArtifactDownload(scope, zip);
    mockDeploymentCreatedAs(scope, "production", SHA, github.DEPLOYMENT_ID);
    github.mockDeploymentStatuses(scope, 1);
    github.mockCheckRunCreated(scope, "Slipway / deploy");

    const outcome = await runPush(pushJob({ workflowRunId: RUN_ID, runAttempt: 1 }), ctx);

    scope.done();
    expect(outcome.state).toBe("succeeded");
    expect(await stores.environments.get("acme", "web", "production")).toMatchObject({ state: "active", sha: SHA });
    // The committed-files environment was deployed by the push itself; the run does not deploy it again.
    expect(await stores.environments.get("acme", "web", "docs")).toBeUndefined();
  });

  it("hands an environment with deployer: workflow to the repository's workflow, with what it needs in the payload", async () => {
    const scope = github.githubApi();
    github.mockConfig(scope, "environments:\n  fly:\n    branch: main\n    deployer: workflow\n");
    mockDeploymentCreatedAs(scope, "fly", SHA, 1782051234);
    github.mockCheckRunCreated(scope, "Slipway / deploy");
    const log = recordCalls(scope);

    const outcome = await runPush(pushJob(), ctx);

    scope.done();
    expect(outcome.result).toBe("- **fly**: handed to the deploy workflow (GitHub Deployment 1782051234)");
    expect(log.bodies.find((entry) => entry.call === "POST /repos/acme/web/deployments")?.body).toMatchObject({
      ref: SHA,
      environment: "fly",
      payload: { action: "deploy", actor: "carol", trigger: "push to main", slipway: true, slipway_job: "push-job-1" },
    });
    expect(log.calls.filter((call) => call.includes("/statuses"))).toEqual([]);
    expect(checkBodies(log)[0]).toMatchObject({ conclusion: "success", output: { title: "Handed fly to the deploy workflow" } });
  });
});
