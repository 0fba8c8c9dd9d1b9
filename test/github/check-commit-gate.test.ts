import nock from "nock";
import checkRuns from "../../fixtures/github/check-runs-for-ref.json";
import combinedStatus from "../../fixtures/github/combined-status.json";
import { checkCommitGate } from "../../src/github/check-commit-gate";
import { testOctokit } from "./test-octokit";

const sha = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
const runsPath = `/repos/acme/web/commits/${sha}/check-runs`;
const statusPath = `/repos/acme/web/commits/${sha}/status`;
const query = { owner: "acme", repo: "web", sha, ignore: (name: string) => name.startsWith("Slipway /") } as const;

type CheckRun = (typeof checkRuns.check_runs)[number];
type Status = (typeof combinedStatus.statuses)[number];

const [lint, test, slipwayRun] = checkRuns.check_runs as [CheckRun, CheckRun, CheckRun];
const [circleci] = combinedStatus.statuses as [Status];

/** GitHub answering with these check runs and statuses, on one page each. */
function github(runs: unknown[], statuses: unknown[]) {
  return nock("https://api.github.com")
    .get(runsPath)
    .query({ filter: "latest", per_page: "100" })
    .reply(200, { total_count: runs.length, check_runs: runs })
    .get(statusPath)
    .query({ per_page: "100" })
    .reply(200, {
      ...combinedStatus,
      state: statuses.length === 0 ? "pending" : combinedStatus.state,
      total_count: statuses.length,
      statuses,
    });
}

describe("checkCommitGate", () => {
  it("is ok when every check run and status passed, leaving out Slipway's own run in progress", async () => {
    const scope = github(checkRuns.check_runs, combinedStatus.statuses);

    expect(slipwayRun.status).toBe("in_progress");
    await expect(checkCommitGate(testOctokit(), query)).resolves.toEqual({ ok: true, failing: [], pending: [] });
    scope.done();
  });

  it("counts a skipped or neutral run as passing", async () => {
    const scope = github([{ ...lint, conclusion: "skipped" }, { ...test, conclusion: "neutral" }], []);

    await expect(checkCommitGate(testOctokit(), query)).resolves.toEqual({ ok: true, failing: [], pending: [] });
    scope.done();
  });

  it("names a failed check run with its conclusion", async () => {
    const scope = github([{ ...lint, conclusion: "failure" }, { ...test, conclusion: "timed_out" }, slipwayRun], combinedStatus.statuses);

    await expect(checkCommitGate(testOctokit(), query)).resolves.toEqual({
      ok: false,
      failing: ["lint (failure)", "test (timed_out)"],
      pending: [],
    });
    scope.done();
  });

  it("lists a check run still running as pending", async () => {
    const running = { ...test, status: "in_progress", conclusion: null, completed_at: null };
    const scope = github([lint, running, { ...lint, name: "e2e", status: "queued", conclusion: null }], []);

    await expect(checkCommitGate(testOctokit(), query)).resolves.toEqual({ ok: false, failing: [], pending: ["test", "e2e"] });
    scope.done();
  });

  it("names a failed commit status by its context, and a pending one", async () => {
    const failed = { ...circleci, state: "failure", description: "Your tests failed on CircleCI" };
    const pending = { ...circleci, id: circleci.id + 1, context: "ci/jenkins", state: "pending" };
    const scope = github([lint, test], [failed, pending]);

    await expect(checkCommitGate(testOctokit(), query)).resolves.toEqual({
      ok: false,
      failing: ["ci/circleci: build (failure)"],
      pending: ["ci/jenkins"],
    });
    scope.done();
  });

  it("ignores Slipway's own runs even when they failed", async () => {
    const scope = github([lint, { ...slipwayRun, status: "completed", conclusion: "failure" }], []);

    await expect(checkCommitGate(testOctokit(), query)).resolves.toEqual({ ok: true, failing: [], pending: [] });
    scope.done();
  });

  it("is ok for a commit nothing reports on", async () => {
    const scope = github([], []);

    await expect(checkCommitGate(testOctokit(), query)).resolves.toEqual({ ok: true, failing: [], pending: [] });
    scope.done();
  });

  it("reads every page of check runs", async () => {
    const firstPage = Array.from({ length: 100 }, (_, i) => ({ ...lint, id: lint.id + i, name: `matrix ${i}` }));
    const scope = nock("https://api.github.com")
      .get(runsPath)
      .query({ filter: "latest", per_page: "100" })
      .reply(200, { total_count: 101, check_runs: firstPage }, {
        Link: `<https://api.github.com/repositories/759963101/commits/${sha}/check-runs?filter=latest&per_page=100&page=2>; rel="next", <https://api.github.com/repositories/759963101/commits/${sha}/check-runs?filter=latest&per_page=100&page=2>; rel="last"`,
      })
      .get(`/repositories/759963101/commits/${sha}/check-runs`)
      .query({ filter: "latest", per_page: "100", page: "2" })
      .reply(200, { total_count: 101, check_runs: [{ ...test, conclusion: "failure" }] }, {
        Link: `<https://api.github.com/repositories/759963101/commits/${sha}/check-runs?filter=latest&per_page=100&page=1>; rel="prev", <https://api.github.com/repositories/759963101/commits/${sha}/check-runs?filter=latest&per_page=100&page=1>; rel="first"`,
      })
      .get(statusPath)
      .query({ per_page: "100" })
      .reply(200, combinedStatus);

    await expect(checkCommitGate(testOctokit(), query)).resolves.toEqual({ ok: false, failing: ["test (failure)"], pending: [] });
    scope.done();
  });

  it("reads every page of commit statuses", async () => {
    const firstPage = Array.from({ length: 100 }, (_, i) => ({ ...circleci, id: circleci.id + i, context: `deploy/${i}` }));
    const failed = { ...circleci, context: "security/snyk", state: "error", description: "Snyk could not run" };
    const scope = nock("https://api.github.com")
      .get(runsPath)
      .query({ filter: "latest", per_page: "100" })
      .reply(200, { total_count: 0, check_runs: [] })
      .get(statusPath)
      .query({ per_page: "100" })
      .reply(200, { ...combinedStatus, state: "failure", total_count: 101, statuses: firstPage })
      .get(statusPath)
      .query({ per_page: "100", page: "2" })
      .reply(200, { ...combinedStatus, state: "failure", total_count: 101, statuses: [failed] });

    await expect(checkCommitGate(testOctokit(), query)).resolves.toEqual({
      ok: false,
      failing: ["security/snyk (error)"],
      pending: [],
    });
    scope.done();
  });
});
