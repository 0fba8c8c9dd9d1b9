import { createHash } from "node:crypto";
import nock from "nock";
import artifactList from "../../fixtures/github/workflow-run-artifacts.json";
import workflowRun from "../../fixtures/github/workflow-run.json";


/** The recorded run (fixtures/github/workflow-run.json): build.yml at the preview's commit. */
export const RUN_ID = 10683302211;
export const RUN_URL = `https://github.com/acme/web/actions/runs/${RUN_ID}`;
export const SITE_ARTIFACT_ID = 1893316710;
export const BLOB = "https://productionresultssa4.blob.core.windows.net";
const blobPath = "/actions-results/4c1ef9b2/artifacts/9d8e7f.zip";

/** `GET /actions/runs/{id}`: the run as the job reads it afresh. */
export function mockRun(scope: nock.Scope, run: Record<string, unknown> = {}): nock.Scope {
  return scope.get(`/repos/acme/web/actions/runs/${RUN_ID}`).reply(200, { ...workflowRun, ...run });
}

/** `GET /actions/workflows/build.yml/runs`: the commit's successful runs (none, unless given). */
export function mockSuccessfulRuns(scope: nock.Scope, sha: string, runs: unknown[] = []): nock.Scope {
  return scope
    .get("/repos/acme/web/actions/workflows/build.yml/runs")
    .query({ head_sha: sha, status: "success", per_page: "100" })
    .reply(200, { total_count: runs.length, workflow_runs: runs });
}

/** `GET /actions/workflows/build.yml/runs` in any state: the commit's runs (none, unless given). */
export function mockLatestRuns(scope: nock.Scope, sha: string, runs: unknown[] = []): nock.Scope {
  return scope
    .get("/repos/acme/web/actions/workflows/build.yml/runs")
    .query({ head_sha: sha, per_page: "100" })
    .reply(200, { total_count: runs.length, workflow_runs: runs });
}

/** No run of build.yml has succeeded at the commit, and none has started either. */
export function mockNoRunYet(scope: nock.Scope, sha: string): nock.Scope {
  mockSuccessfulRuns(scope, sha);
  return mockLatestRuns(scope, sha);
}

/** The run recorded in fixtures/github/workflow-run.json, with `changes`. */
export function runFixture(changes: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...workflowRun, ...changes };
}

/**
 * The run's artifacts, the artifact's 302 and the download host behind it, which must never see
 * the token. The listing carries the zip's size and digest.
 */
export function mockArtifactDownload(scope: nock.Scope, zip: Buffer): nock.Scope {
  const [site, coverage] = artifactList.artifacts;
  const digest = `sha256:${createHash("sha256").update(zip).digest("hex")}`;
  scope
    .get(`/repos/acme/web/actions/runs/${RUN_ID}/artifacts`)
    .query({ per_page: "100" })
    .reply(200, { total_count: 2, artifacts: [{ ...site, size_in_bytes: zip.length, digest }, coverage] });
  const location = `${BLOB}${blobPath}?sig=c2lnbmF0dXJl&se=2024-09-03T09%3A25%3A11Z&sp=r`;
  nock(BLOB, { badheaders: ["authorization"] }).get(blobPath).query(true).reply(200, zip, { "Content-Type": "application/zip" });
  return scope.get(`/repos/acme/web/actions/artifacts/${SITE_ARTIFACT_ID}/zip`).reply(302, "", { Location: location });
}
