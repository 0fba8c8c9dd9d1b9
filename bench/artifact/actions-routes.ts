import { createHash } from "node:crypto";
import workflowRun from "../../fixtures/github/workflow-run.json";
import artifactList from "../../fixtures/github/workflow-run-artifacts.json";
import { json, notFound, repositoryOf, type Route } from "../stand-in/route";

export const ARTIFACT_ID = 1893316710;

/** The workflow run the stand-in answers for, once the bench says it has completed. */
export interface CompletedRun {
  id: number;
  headSha: string;
  headBranch: string;
  repositoryId: number;
}

/**
 * The Actions routes a `source.artifact` deploy calls, for the GitHub stand-in: the commit's
 * successful runs (none until `state.run` is set), the run, its artifacts and the artifact's
 * redirect to the download host, which answers the zip and refuses any request with a token.
 */
export function actionsRoutes(zip: Buffer, state: { run?: CompletedRun }): { api: Route[]; host: Route[] } {
  const digest = `sha256:${createHash("sha256").update(zip).digest("hex")}`;
  const [site] = artifactList.artifacts;
  const runShape = (run: CompletedRun) => ({
    ...workflowRun,
    id: run.id,
    head_sha: run.headSha,
    head_branch: run.headBranch,
    status: "completed",
    conclusion: "success",
    repository: { ...workflowRun.repository, id: run.repositoryId },
    head_repository: { ...workflowRun.head_repository, id: run.repositoryId },
  });
  const api: Route[] = [
    {
      method: "GET",
      template: "/repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs",
      auth: "installation",
      handle(request) {
        const run = state.run?.headSha === request.query.get("head_sha") ? state.run : undefined;
        return json(200, { total_count: run ? 1 : 0, workflow_runs: run ? [runShape(run)] : [] });
      },
    },
    {
      method: "GET",
      template: "/repos/{owner}/{repo}/actions/runs/{run_id}",
      auth: "installation",
      handle(request) {
        const run = state.run;
        return run && String(run.id) === request.params.run_id ? json(200, runShape(run)) : notFound();
      },
    },
    {
      method: "GET",
      template: "/repos/{owner}/{repo}/actions/runs/{run_id}/artifacts",
      auth: "installation",
      handle(request) {
        if (String(state.run?.id) !== request.params.run_id) return notFound();
        return json(200, { total_count: 1, artifacts: [{ ...site, id: ARTIFACT_ID, size_in_bytes: zip.length, digest }] });
      },
    },
    {
      // As on GitHub: a short-lived signed address on another host, which takes no token.
      method: "GET",
      template: "/repos/{owner}/{repo}/actions/artifacts/{artifact_id}/zip",
      auth: "installation",
      handle(request, context) {
        const repository = repositoryOf(request, context);
        if (!repository || request.params.artifact_id !== String(ARTIFACT_ID)) return notFound();
        const token = context.model.issueDownloadToken(repository.installationId);
        return { status: 302, headers: { location: `${request.origin}/_blob/artifacts/${ARTIFACT_ID}.zip?sig=bench-signature&token=${token}` }, raw: "" };
      },
    },
  ];
  const host: Route[] = [
    {
      method: "GET",
      template: "/_blob/artifacts/{name}",
      auth: "download",
      handle(request) {
        if (request.caller.kind !== "anonymous") return { status: 403, raw: "the download host must never see the token" };
        return { status: 200, raw: zip, headers: { "content-type": "application/zip", "content-length": String(zip.length) } };
      },
    },
  ];
  return { api, host };
}
