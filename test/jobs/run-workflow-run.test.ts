import type { JobPayload } from "../../src/model/job-record";
import type { JobContext } from "../../src/jobs/job-context";
import { runWorkflowRun } from "../../src/jobs/workflow-run/run-workflow-run";
import type { WorkflowRunJob } from "../../src/jobs/workflow-run/workflow-run-job";
import type { Stores } from "../../src/store/stores";
import { planWorkflowRun } from "../../src/webhook/plan-workflow-run";
import { JOB_KINDS } from "../../src/job-kinds";
import { apiFixture, recordCalls } from "../helpers/github-api";
import { testJobContext } from "../helpers/job-context";
import * as github from "../helpers/preview-api";
import { testStores } from "../helpers/test-stores";
import { workflowRunPayload } from "../helpers/webhook-fixtures";

const SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
const OTHER_SHA = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
const ARTIFACT = "preview:\n  source:\n    artifact:\n      workflow: build.yml\n      name: site\n";
const PR_EVENT_AT = "2024-09-03T09:02:11.000Z";

function jobOf(variant: "success" | "failure" | "fork"): WorkflowRunJob {
  const [planned] = planWorkflowRun(workflowRunPayload(variant)).jobs;
  return JOB_KINDS.load(planned!).job as WorkflowRunJob;
}

describe("the workflow-run job", () => {
  let stores: Stores;
  let close: () => void;
  let ctx: JobContext;
  let submitted: JobPayload[];

  beforeEach(async () => {
    ({ stores, close } = await testStores());
    submitted = [];
    ctx = await testJobContext(stores, { submit: async (jobs) => void submitted.push(...jobs) });
    await stores.pullRequests.record({ owner: "acme", repo: "web", pullNumber: 12, headSha: SHA, state: "open", eventAt: PR_EVENT_AT, sequence: 4 });
  });

  afterEach(() => close());

  it("queues the preview of each pull request at the run's commit, named by the run, ordered as the pull request's own event", async () => {
    const scope = github.githubApi();
    github.mockConfig(scope, ARTIFACT);

    const outcome = await runWorkflowRun(jobOf("success"), ctx);

    scope.done();
    expect(outcome).toEqual({ state: "succeeded", result: "queued preview of #12" });
    expect(submitted).toEqual([
      {
        kind: "preview",
        repository: { installationId: 1, repoId: 759963101, owner: "acme", repo: "web", private: false },
        pullNumber: 12,
        headSha: SHA,
        headRef: "feature/new-header",
        fork: false,
        actor: "octocat",
        eventAt: PR_EVENT_AT,
        sequence: 4,
        workflowRunId: 10683302211,
        runAttempt: 1,
      },
    ]);
    // A job of its own: the preview that waited (same commit) finished, and must not hide this one.
    const waited = JOB_KINDS.load({ ...submitted[0]!, workflowRunId: undefined, runAttempt: undefined });
    expect(JOB_KINDS.load(submitted[0]!).id).not.toBe(waited.id);
  });

  it("queues the preview of a failed run too, so the waiting preview fails with the run's link", async () => {
    const scope = github.githubApi();
    github.mockConfig(scope, ARTIFACT);
    await runWorkflowRun(jobOf("failure"), ctx);
    scope.done();
    expect(submitted).toEqual([expect.objectContaining({ kind: "preview", pullNumber: 12, workflowRunId: 10683417730 })]);
  });

  it("ignores runs of any other workflow file", async () => {
    const scope = github.githubApi();
    github.mockConfig(scope, ARTIFACT.replace("build.yml", "site.yml"));
    const outcome = await runWorkflowRun(jobOf("success"), ctx);
    scope.done();
    expect(outcome.result).toBe(".github/workflows/build.yml at 6dcb09b deploys nothing");
    expect(submitted).toEqual([]);
  });

  it("ignores every run when the preview serves committed files", async () => {
    const scope = github.githubApi();
    github.mockConfig(scope, "preview:\n  source:\n    dir: public\n");
    await runWorkflowRun(jobOf("success"), ctx);
    scope.done();
    expect(submitted).toEqual([]);
  });

  it("skips a pull request that moved on to another commit since the run started", async () => {
    await stores.pullRequests.record({ owner: "acme", repo: "web", pullNumber: 12, headSha: OTHER_SHA, state: "open", eventAt: "2024-09-03T09:10:00.000Z", sequence: 5 });
    const scope = github.githubApi();
    github.mockConfig(scope, ARTIFACT);
    const outcome = await runWorkflowRun(jobOf("success"), ctx);
    scope.done();
    expect(outcome.result).toBe("#12 moved on to f95f852 (open)");
    expect(submitted).toEqual([]);
  });

  it("finds a fork's pull requests by owner:branch and the run's commit, reading the default branch's configuration", async () => {
    const scope = github.githubApi();
    github.mockConfig(scope, ARTIFACT, "default branch");
    scope.get("/repos/acme/web/pulls").query({ head: "octocat:feature/new-header", state: "open", per_page: "100" }).reply(200, apiFixture("pulls-by-head"));
    scope.get("/repos/acme/web/pulls/12/files").query({ per_page: "100" }).reply(200, [{ filename: "src/index.html", status: "modified" }]);

    await runWorkflowRun(jobOf("fork"), ctx);

    scope.done();
    // Still a fork's preview: it waits for a maintainer's approval like a fork's tarball.
    expect(submitted).toEqual([expect.objectContaining({ kind: "preview", pullNumber: 12, fork: true, workflowRunId: 10683519004 })]);
  });

  it("does not trust a fork's run when its pull request changes the workflow file", async () => {
    const scope = github.githubApi();
    github.mockConfig(scope, ARTIFACT, "default branch");
    scope.get("/repos/acme/web/pulls").query(true).reply(200, apiFixture("pulls-by-head"));
    scope.get("/repos/acme/web/pulls/12/files").query(true).reply(200, [{ filename: ".github/workflows/build.yml", status: "modified" }]);
    github.mockCheckRunCreated(scope, "Slipway / preview");
    github.mockCommentCreated(scope, 12);
    const log = recordCalls(scope);

    const outcome = await runWorkflowRun(jobOf("fork"), ctx);

    scope.done();
    expect(outcome.result).toBe("#12 comes from a fork and changes .github/workflows/build.yml: its run is not trusted");
    expect(submitted).toEqual([]);
    // The preview waiting for the run says why it will not come.
    expect(log.bodies.find((entry) => entry.call === "POST /repos/acme/web/check-runs")?.body).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(String(log.bodies.find((entry) => entry.call === "POST /repos/acme/web/issues/12/comments")?.body.body)).toContain(
      "This pull request comes from a fork and changes `.github/workflows/build.yml`, the workflow whose artifact the preview serves, so its run is not trusted",
    );
  });

  it("queues no push for an environment the repository's own workflow deploys: the push handed it off already", async () => {
    await stores.branches.record({ owner: "acme", repo: "web", branch: "feature/new-header", headSha: SHA, eventAt: PR_EVENT_AT, sequence: 2 });
    const scope = github.githubApi();
    github.mockConfig(scope, `${ARTIFACT}environments:\n  fly:\n    branch: feature/new-header\n    deployer: workflow\n`);
    scope.get("/repos/acme/web/pulls").query(true).reply(200, []);

    await runWorkflowRun({ ...jobOf("success"), pullNumbers: [] }, ctx);

    scope.done();
    expect(submitted).toEqual([]);
  });

  it("queues the push of a branch whose environments deploy the workflow's artifact, when the branch is still at the run's commit", async () => {
    await stores.branches.record({ owner: "acme", repo: "web", branch: "feature/new-header", headSha: SHA, eventAt: PR_EVENT_AT, sequence: 2 });
    const scope = github.githubApi();
    github.mockConfig(scope, `${ARTIFACT}environments:\n  staging:\n    branch: feature/new-header\n`);
    scope.get("/repos/acme/web/pulls").query({ head: "acme:feature/new-header", state: "open", per_page: "100" }).reply(200, []);

    const outcome = await runWorkflowRun({ ...jobOf("success"), pullNumbers: [] }, ctx);

    // No pull request linked: GitHub is asked for the branch's open ones.
    scope.done();
    expect(outcome.result).toBe("queued push to feature/new-header");
    expect(submitted).toEqual([
      expect.objectContaining({ kind: "push", branch: "feature/new-header", headSha: SHA, pusher: "octocat", eventAt: PR_EVENT_AT, sequence: 2, workflowRunId: 10683302211 }),
    ]);
  });
});
