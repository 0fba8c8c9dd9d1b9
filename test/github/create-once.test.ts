import { ensureDeployment } from "../../src/github/ensure-deployment";
import { knownObjects } from "../../src/github/known-objects";
import { upsertCheckRun } from "../../src/github/upsert-check-run";
import { stickyMarker, upsertStickyComment } from "../../src/github/upsert-sticky-comment";
import type { Stores } from "../../src/store/stores";
import { apiFixture, recordCalls } from "../helpers/github-api";
import { githubApi } from "../helpers/preview-api";
import { testStores } from "../helpers/test-stores";
import { testOctokit } from "./test-octokit";

const OWNER = "acme";
const REPO = "web";
const SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
const MARKER = stickyMarker("pull-request");
const repoPath = `/repos/${OWNER}/${REPO}`;
const CHECK = { owner: OWNER, repo: REPO, headSha: SHA, name: "Slipway / preview", status: "completed", conclusion: "success", title: "Preview ready", summary: "Built." } as const;
const DEPLOYMENT = { owner: OWNER, repo: REPO, ref: SHA, environment: "pr-12", transient: true, production: false, description: "Preview", jobId: "job-1" };

// GitHub can answer 5xx after a create went through. Slipway never creates again blind: it
// looks for the object by its identity first, on the spot and on the job's next attempt.
describe("creating GitHub objects once", () => {
  let stores: Stores;
  let close: () => void;
  const known = () => knownObjects(stores.githubObjects, OWNER, REPO);

  beforeEach(async () => {
    ({ stores, close } = await testStores());
  });
  afterEach(() => close());

  it("finds a sticky comment whose create answered 502 after landing, and never posts a second one", async () => {
    const scope = githubApi()
      .post(`${repoPath}/issues/12/comments`)
      .reply(502, { message: "Server Error" })
      .get(`${repoPath}/issues/12/comments`)
      .query(true)
      .reply(200, [{ ...apiFixture("issue-comment"), id: 555, body: `hello\n\n${MARKER}` }]);
    const log = recordCalls(scope);

    const comment = await upsertStickyComment(testOctokit(), { owner: OWNER, repo: REPO, issueNumber: 12, marker: MARKER, body: "hello" }, known());

    scope.done();
    expect(comment).toMatchObject({ id: 555, created: false });
    expect(log.calls.filter((call) => call.startsWith("POST"))).toHaveLength(1);
    // Recorded: the next report edits it without listing.
    expect(await stores.githubObjects.get(OWNER, REPO, `comment:12:${MARKER}`)).toMatchObject({ state: "created", id: 555 });
  });

  it("looks for a comment whose creation was begun but never recorded before creating it (a job's next attempt)", async () => {
    await stores.githubObjects.markCreating(OWNER, REPO, `comment:12:${MARKER}`, new Date());
    const scope = githubApi()
      .get(`${repoPath}/issues/12/comments`)
      .query(true)
      .reply(200, [])
      .post(`${repoPath}/issues/12/comments`)
      .reply(201, { ...apiFixture("issue-comment"), id: 556 });

    expect(await upsertStickyComment(testOctokit(), { owner: OWNER, repo: REPO, issueNumber: 12, marker: MARKER, body: "hello" }, known())).toMatchObject({ id: 556, created: true });
    scope.done();
  });

  it("passes on a failed comment create that did not land, leaving the intent for the retry to check", async () => {
    const scope = githubApi()
      .post(`${repoPath}/issues/12/comments`)
      .reply(502, { message: "Server Error" })
      .get(`${repoPath}/issues/12/comments`)
      .query(true)
      .reply(200, []);

    await expect(upsertStickyComment(testOctokit(), { owner: OWNER, repo: REPO, issueNumber: 12, marker: MARKER, body: "hello" }, known())).rejects.toMatchObject({ status: 502 });
    scope.done();
    expect(await stores.githubObjects.get(OWNER, REPO, `comment:12:${MARKER}`)).toMatchObject({ state: "creating" });
  });

  it("makes a new comment when the recorded one was deleted on GitHub", async () => {
    await stores.githubObjects.saveCreated(OWNER, REPO, `comment:12:${MARKER}`, { id: 700, digest: "old" }, new Date());
    const scope = githubApi()
      .patch(`${repoPath}/issues/comments/700`)
      .reply(404, { message: "Not Found" })
      .post(`${repoPath}/issues/12/comments`)
      .reply(201, { ...apiFixture("issue-comment"), id: 701 });

    expect(await upsertStickyComment(testOctokit(), { owner: OWNER, repo: REPO, issueNumber: 12, marker: MARKER, body: "hello" }, known())).toMatchObject({ id: 701 });
    scope.done();
  });

  it("finds a check run whose create answered 502 after landing, and updates it instead of creating another", async () => {
    const scope = githubApi()
      .post(`${repoPath}/check-runs`)
      .reply(502, { message: "Server Error" })
      .get(`${repoPath}/commits/${SHA}/check-runs`)
      .query(true)
      .reply(200, { total_count: 1, check_runs: [{ ...apiFixture("check-run"), id: 901, name: CHECK.name, head_sha: SHA, status: "completed" }] })
      .patch(`${repoPath}/check-runs/901`)
      .reply(200, { ...apiFixture("check-run"), id: 901 });
    const log = recordCalls(scope);

    expect(await upsertCheckRun(testOctokit(), CHECK, known())).toMatchObject({ id: 901 });
    scope.done();
    expect(log.calls.filter((call) => call === `POST ${repoPath}/check-runs`)).toHaveLength(1);
  });

  it("finds a Deployment whose create timed out after landing by this job's id in its payload", async () => {
    const scope = githubApi()
      .post(`${repoPath}/deployments`)
      .replyWithError({ code: "ECONNRESET", message: "socket hang up" })
      .get(`${repoPath}/deployments`)
      .query(true)
      .reply(200, [
        { ...apiFixture("deployment"), id: 1, sha: SHA, payload: { slipway: true, slipway_job: "another-job" } },
        { ...apiFixture("deployment"), id: 2, sha: SHA, payload: { slipway: true, slipway_job: "job-1" } },
      ]);
    const log = recordCalls(scope);

    expect(await ensureDeployment(testOctokit(), DEPLOYMENT, known())).toEqual({ id: 2 });
    scope.done();
    expect(log.calls.filter((call) => call === `POST ${repoPath}/deployments`)).toHaveLength(1);
    // Recorded: the job's next status needs no listing.
    expect(await ensureDeployment(testOctokit(), DEPLOYMENT, known())).toEqual({ id: 2 });
  });

  it("creates a Deployment without listing when the job has none recorded, and marks it with the job's id", async () => {
    const scope = githubApi().post(`${repoPath}/deployments`).reply(201, { ...apiFixture("deployment"), id: 3, sha: SHA });
    const log = recordCalls(scope);

    expect(await ensureDeployment(testOctokit(), DEPLOYMENT, known())).toEqual({ id: 3 });
    scope.done();
    expect(log.bodies[0]?.body).toMatchObject({ payload: { slipway: true, slipway_job: "job-1" } });
  });
});
