import nock from "nock";
import deploymentStatus from "../../fixtures/github/deployment-status.json";
import { setDeploymentStatus } from "../../src/github/set-deployment-status";
import { testOctokit } from "./test-octokit";

const statusesPath = "/repos/acme/web/deployments/1782034577/statuses";

describe("setDeploymentStatus", () => {
  it("sends the state, URLs and auto_inactive false", async () => {
    let sent: Record<string, unknown> = {};
    const scope = nock("https://api.github.com")
      .post(statusesPath, (body) => ((sent = body), true))
      .reply(201, deploymentStatus);

    const result = await setDeploymentStatus(testOctokit(), {
      owner: "acme",
      repo: "web",
      deploymentId: 1782034577,
      state: "success",
      environmentUrl: "https://slipway.acme.dev/acme/web/pr-12/",
      logUrl: "https://github.com/acme/web/runs/29573118223",
      description: "Preview of #12 is live",
    });

    expect(result).toEqual({ id: deploymentStatus.id });
    expect(sent).toEqual({
      state: "success",
      auto_inactive: false,
      environment_url: "https://slipway.acme.dev/acme/web/pr-12/",
      log_url: "https://github.com/acme/web/runs/29573118223",
      description: "Preview of #12 is live",
    });
    scope.done();
  });

  it("cuts a long description to GitHub's 140 characters", async () => {
    let sent: { description?: string } = {};
    const scope = nock("https://api.github.com")
      .post(statusesPath, (body) => ((sent = body), true))
      .reply(201, { ...deploymentStatus, state: "failure" });

    await setDeploymentStatus(testOctokit(), {
      owner: "acme",
      repo: "web",
      deploymentId: 1782034577,
      state: "failure",
      description: `The folder public does not exist at 6dcb09b. ${"Check preview.source.dir in .github/slipway.yml. ".repeat(5)}`,
    });

    const length = Array.from(sent.description ?? "").length;
    expect(length).toBeLessThanOrEqual(140);
    expect(length).toBeGreaterThan(130);
    expect(sent.description).toMatch(/^The folder public does not exist at 6dcb09b\. .*…$/);
    scope.done();
  });
});
