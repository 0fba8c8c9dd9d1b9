import nock from "nock";
import { zipOf } from "../providers/artifact/zip";
import { mockArtifactDownload, mockLatestRuns, mockRun, mockSuccessfulRuns, RUN_ID, RUN_URL, runFixture } from "../helpers/artifact-api";
import { API, recordCalls } from "../helpers/github-api";
import * as github from "../helpers/preview-api";
import { startTestRuntime, type TestRuntime } from "../helpers/test-runtime";
import { pullRequestPayload, workflowRunPayload } from "../helpers/webhook-fixtures";

const { OWNER, REPO, SHA } = github;
const PULL = 12;
const CONFIG = "preview:\n  source:\n    artifact:\n      workflow: build.yml\n      name: site\n      path: dist\n";

/** The recorded pull_request.opened, moved to acme/web #12 at the commit the recorded run built. */
function pullRequestOpened(): string {
  const event = pullRequestPayload("opened");
  event.repository.owner.login = OWNER;
  event.repository.name = REPO;
  event.repository.full_name = `${OWNER}/${REPO}`;
  event.number = PULL;
  event.pull_request.number = PULL;
  event.pull_request.head.sha = SHA;
  return JSON.stringify(event);
}

function bodyOf(log: ReturnType<typeof recordCalls>, call: string): Record<string, unknown> {
  const found = log.bodies.find((entry) => entry.call === call);
  if (!found) throw new Error(`no ${call} in ${log.calls.join(", ")}`);
  return found.body;
}

// A site built by Actions, end to end on the local runtime: the preview waits for the workflow,
// then its workflow_run.completed delivery deploys the run's artifact.
describe("a preview of a site built by a workflow, on the local runtime", () => {
  let e2e: TestRuntime;

  beforeAll(async () => {
    e2e = await startTestRuntime();
  });

  afterAll(() => e2e.close());

  it("waits for build.yml when the pull request opens, then serves the artifact's index.html once the run completes", async () => {
    const opened = nock(API).post("/app/installations/1/access_tokens").reply(201, { token: "ghs_e2etoken", expires_at: "2099-01-01T00:00:00Z" });
    github.mockConfig(opened, CONFIG);
    mockSuccessfulRuns(opened, SHA);
    // build.yml is running for the commit: the row links it.
    mockLatestRuns(opened, SHA, [runFixture({ status: "in_progress", conclusion: null })]);
    github.mockCheckRunCreated(opened, "Slipway / preview");
    github.mockCommentCreated(opened, PULL);
    const waiting = recordCalls(opened);

    expect((await e2e.deliver("pull_request", pullRequestOpened())).status).toBe(200);
    await e2e.runtime.drain();

    opened.done();
    expect(bodyOf(waiting, "POST /repos/acme/web/check-runs")).toMatchObject({ status: "queued", output: { title: "Waiting for build.yml" } });
    expect(String(bodyOf(waiting, `POST /repos/acme/web/issues/${PULL}/comments`).body)).toContain(`⏳ Waiting for build.yml | [Run](${RUN_URL}) |`);
    expect((await fetch(`${e2e.siteBase}/${OWNER}/${REPO}/pr-${PULL}/`)).status).toBe(404);

    const zip = await zipOf([
      { name: "dist/index.html", body: "<!doctype html><h1>Built by Actions</h1>" },
      { name: "dist/assets/app.js", body: "console.log('built')" },
      { name: "coverage.txt", body: "not served" },
    ]);
    const completed = nock(API);
    // Read once by the workflow-run job (is this the configured workflow?) and once by the preview it queues.
    github.mockConfig(completed, CONFIG);
    github.mockConfig(completed, CONFIG);
    mockRun(completed);
    mockArtifactDownload(completed, zip);
    github.mockDeploymentCreated(completed, `pr-${PULL}`);
    github.mockCheckRunUpdated(completed, "Slipway / preview");
    github.mockCommentUpdated(completed);
    github.mockDeploymentStatuses(completed, 1);
    const deployed = recordCalls(completed);

    expect((await e2e.deliver("workflow_run", JSON.stringify(workflowRunPayload("success")))).status).toBe(200);
    await e2e.runtime.drain();

    completed.done();
    expect(nock.pendingMocks()).toEqual([]);
    expect(deployed.calls).toContain(`GET /repos/acme/web/actions/runs/${RUN_ID}`);
    expect(bodyOf(deployed, `PATCH /repos/acme/web/check-runs/${github.CHECK_RUN_ID}`)).toMatchObject({ status: "completed", conclusion: "success" });
    const page = await fetch(`${e2e.siteBase}/${OWNER}/${REPO}/pr-${PULL}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toBe("<!doctype html><h1>Built by Actions</h1>");
    expect(await (await fetch(`${e2e.siteBase}/${OWNER}/${REPO}/pr-${PULL}/assets/app.js`)).text()).toBe("console.log('built')");
    expect((await fetch(`${e2e.siteBase}/${OWNER}/${REPO}/pr-${PULL}/coverage.txt`)).status).toBe(404);
  });
});
