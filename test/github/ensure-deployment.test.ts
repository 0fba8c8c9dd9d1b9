import nock from "nock";
import deployment from "../../fixtures/github/deployment.json";
import { DeploymentRefusedError, ensureDeployment } from "../../src/github/ensure-deployment";
import { testOctokit } from "./test-octokit";

const sha = deployment.sha;
const request = {
  owner: "acme",
  repo: "web",
  ref: sha,
  environment: "pr-12",
  transient: true,
  production: false,
  description: "Preview of #12",
  payload: { pullNumber: 12 },
} as const;
const listQuery = { sha, environment: "pr-12", task: "deploy", per_page: "100" };

describe("ensureDeployment", () => {
  it("reuses the deployment this app already made for the commit and environment", async () => {
    const scope = nock("https://api.github.com")
      .get("/repos/acme/web/deployments")
      .query(listQuery)
      .reply(200, [deployment]);

    await expect(ensureDeployment(testOctokit(), request)).resolves.toEqual({ id: deployment.id });
    scope.done();
  });

  it("creates one without required contexts or auto-merge when none of this app's exists", async () => {
    // Made by a workflow for the same commit and environment: not Slipway's to report on.
    const workflowDeployment = {
      ...deployment,
      id: 1782030001,
      creator: { ...deployment.creator, login: "github-actions[bot]", id: 41898282 },
      payload: {},
    };
    let sent: Record<string, unknown> = {};
    const scope = nock("https://api.github.com")
      .get("/repos/acme/web/deployments")
      .query(listQuery)
      .reply(200, [workflowDeployment])
      .post("/repos/acme/web/deployments", (body) => ((sent = body), true))
      .reply(201, deployment);

    await expect(ensureDeployment(testOctokit(), request)).resolves.toEqual({ id: deployment.id });
    expect(sent).toEqual({
      ref: sha,
      environment: "pr-12",
      task: "deploy",
      auto_merge: false,
      required_contexts: [],
      transient_environment: true,
      production_environment: false,
      description: "Preview of #12",
      payload: { pullNumber: 12, slipway: true },
    });
    scope.done();
  });

  it("turns GitHub's 409 into a DeploymentRefusedError carrying GitHub's reason", async () => {
    const scope = nock("https://api.github.com")
      .get("/repos/acme/web/deployments")
      .query(listQuery)
      .reply(200, [])
      .post("/repos/acme/web/deployments")
      .reply(409, {
        message: "Conflict: Commit status checks failed for 6dcb09b5b57875f334f61aebed695e2e4193db5e.",
        documentation_url: "https://docs.github.com/rest/deployments/deployments#create-a-deployment",
        status: "409",
      });

    const error: unknown = await ensureDeployment(testOctokit(), request).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(DeploymentRefusedError);
    expect(error).toMatchObject({ status: 409 });
    expect((error as Error).message).toContain("acme/web@6dcb09b to pr-12");
    expect((error as Error).message).toContain("Commit status checks failed");
    scope.done();
  });

  it("names the failed field of a 422 validation failure", async () => {
    const scope = nock("https://api.github.com")
      .get("/repos/acme/web/deployments")
      .query(listQuery)
      .reply(200, [])
      .post("/repos/acme/web/deployments")
      .reply(422, {
        message: "Validation Failed",
        errors: [{ resource: "Deployment", code: "custom", field: "ref", message: "No ref found for: 6dcb09b5b57875f334f61aebed695e2e4193db5e" }],
        documentation_url: "https://docs.github.com/rest/deployments/deployments#create-a-deployment",
        status: "422",
      });

    await expect(ensureDeployment(testOctokit(), request)).rejects.toThrow(
      /Validation Failed \(No ref found for: 6dcb09b5b57875f334f61aebed695e2e4193db5e\)/,
    );
    scope.done();
  });
});
