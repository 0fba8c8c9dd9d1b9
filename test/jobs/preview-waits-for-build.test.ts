import { runPreview } from "../../src/jobs/preview/run-preview";
import type { JobContext } from "../../src/jobs/job-context";
import type { Stores } from "../../src/store/stores";
import { zipOf } from "../providers/artifact/zip";
import { mockArtifactDownload, mockLatestRuns, mockNoRunYet, mockRun, mockSuccessfulRuns, RUN_ID, RUN_URL, runFixture } from "../helpers/artifact-api";
import { recordCalls } from "../helpers/github-api";
import { testJobContext } from "../helpers/job-context";
import * as github from "../helpers/preview-api";
import { testStores } from "../helpers/test-stores";

const { SHA } = github;
const CONFIG = "preview:\n  source:\n    artifact:\n      workflow: build.yml\n      name: site\n      path: dist\n";

let pullNumber = 300;

describe("a preview built by a workflow (source.artifact)", () => {
  let stores: Stores;
  let close: () => void;
  let ctx: JobContext;

  beforeEach(async () => {
    ({ stores, close } = await testStores());
    ctx = await testJobContext(stores);
    pullNumber += 1;
  });

  afterEach(() => close());

  function bodyOf(log: ReturnType<typeof recordCalls>, call: string): Record<string, unknown> {
    const found = log.bodies.find((entry) => entry.call === call);
    if (!found) throw new Error(`no ${call} in ${log.calls.join(", ")}`);
    return found.body;
  }

  it("does not fail while no run of the workflow has succeeded: the check run is queued and the row waits for build.yml", async () => {
    const scope = github.githubApi();
    github.mockConfig(scope, CONFIG);
    mockNoRunYet(scope, SHA);
    github.mockCheckRunCreated(scope, "Slipway / preview");
    github.mockCommentCreated(scope, pullNumber);
    const log = recordCalls(scope);

    const outcome = await runPreview(github.previewJob(pullNumber), ctx);

    expect(outcome.state).toBe("succeeded");
    expect(outcome.result).toContain("Waiting for build.yml");
    scope.done();
    // No Deployment is opened for a build that does not exist yet.
    expect(log.calls).not.toContain("POST /repos/acme/web/deployments");
    const check = bodyOf(log, "POST /repos/acme/web/check-runs");
    expect(check).toMatchObject({ name: "Slipway / preview", status: "queued", output: { title: "Waiting for build.yml" } });
    expect(check).not.toHaveProperty("conclusion");
    const comment = String(bodyOf(log, `POST /repos/acme/web/issues/${pullNumber}/comments`).body);
    expect(comment).toContain(`| pr-${pullNumber} | ⏳ Waiting for build.yml | — | \`6dcb09b\` |`);
    expect(await stores.environments.get("acme", "web", `pr-${pullNumber}`)).toBeUndefined();
  });

  it("links the run it waits for when the run is known and still going", async () => {
    const scope = github.githubApi();
    github.mockConfig(scope, CONFIG);
    mockRun(scope, { status: "in_progress", conclusion: null });
    github.mockCheckRunCreated(scope, "Slipway / preview");
    github.mockCommentCreated(scope, pullNumber);
    const log = recordCalls(scope);

    await runPreview(github.previewJob(pullNumber, { workflowRunId: RUN_ID, runAttempt: 1 }), ctx);

    scope.done();
    expect(bodyOf(log, "POST /repos/acme/web/check-runs")).toMatchObject({ status: "queued", details_url: RUN_URL });
    expect(String(bodyOf(log, `POST /repos/acme/web/issues/${pullNumber}/comments`).body)).toContain(`⏳ Waiting for build.yml | [Run](${RUN_URL}) |`);
  });

  it("fails the preview with the link of the commit's run when it failed before any succeeded", async () => {
    const scope = github.githubApi();
    github.mockConfig(scope, CONFIG);
    mockSuccessfulRuns(scope, SHA);
    mockLatestRuns(scope, SHA, [runFixture({ conclusion: "failure" })]);
    github.mockDeploymentCreated(scope, `pr-${pullNumber}`);
    github.mockCheckRunCreated(scope, "Slipway / preview");
    github.mockDeploymentStatuses(scope, 1);
    github.mockCommentCreated(scope, pullNumber);

    const outcome = await runPreview(github.previewJob(pullNumber), ctx);

    scope.done();
    expect(outcome).toEqual({
      state: "failed",
      result: `The run of build.yml for commit 6dcb09b ended failure, so there is no artifact to deploy: ${RUN_URL}. Fix the build and push, or re-run the workflow.`,
    });
  });

  it("fails the preview with the run's link when the run failed", async () => {
    const scope = github.githubApi();
    github.mockConfig(scope, CONFIG);
    mockRun(scope, { conclusion: "failure" });
    github.mockDeploymentCreated(scope, `pr-${pullNumber}`);
    github.mockCheckRunCreated(scope, "Slipway / preview");
    github.mockDeploymentStatuses(scope, 1);
    github.mockCommentCreated(scope, pullNumber);
    const log = recordCalls(scope);

    const outcome = await runPreview(github.previewJob(pullNumber, { workflowRunId: RUN_ID, runAttempt: 1 }), ctx);

    expect(outcome.state).toBe("failed");
    expect(outcome.result).toContain(RUN_URL);
    scope.done();
    expect(bodyOf(log, "POST /repos/acme/web/check-runs")).toMatchObject({ status: "completed", conclusion: "failure" });
    const comment = String(bodyOf(log, `POST /repos/acme/web/issues/${pullNumber}/comments`).body);
    expect(comment).toContain("❌ Failed");
    expect(comment).toContain(RUN_URL);
  });

  it("deploys the run's artifact once the run named by its workflow_run event succeeded", async () => {
    const zip = await zipOf([
      { name: "dist/index.html", body: "<h1>built by Actions</h1>" },
      { name: "coverage.txt", body: "outside the served folder" },
    ]);
    const scope = github.githubApi();
    github.mockConfig(scope, CONFIG);
    mockRun(scope);
    mockArtifactDownload(scope, zip);
    github.mockDeploymentCreated(scope, `pr-${pullNumber}`);
    github.mockCheckRunCreated(scope, "Slipway / preview");
    github.mockDeploymentStatuses(scope, 1);
    github.mockCommentCreated(scope, pullNumber);

    const outcome = await runPreview(github.previewJob(pullNumber, { workflowRunId: RUN_ID, runAttempt: 1 }), ctx);

    expect(outcome).toEqual({ state: "succeeded", result: `pr-${pullNumber} serves 6dcb09b` });
    scope.done();
    const environment = await stores.environments.get("acme", "web", `pr-${pullNumber}`);
    expect(environment).toMatchObject({ state: "active", sha: SHA });
    const build = await stores.builds.get("acme", "web", environment!.buildKey);
    expect(build).toMatchObject({ files: 1 });
  });
});
