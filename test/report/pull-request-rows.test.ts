import { pullRequestRows } from "../../src/report/pull-request-rows";
import type { HandedOffEnvironmentRecord } from "../../src/model/handed-off-environment";
import type { EnvironmentRecord } from "../../src/model/records";

const at = "2026-11-20T10:00:00.000Z";
const later = "2026-11-20T10:05:00.000Z";

function environment(name: string, pullNumber: number, state: EnvironmentRecord["state"] = "active", updatedAt = at): EnvironmentRecord {
  return {
    installationId: 1, repoId: 1, owner: "acme", repo: "web", name, state, sha: "a".repeat(40), buildKey: "k", spa: false,
    sourceAt: at, pullNumber, url: `https://sites.example/acme/web/${name}/`, updatedAt,
  };
}

function handedOff(name: string, pullNumber: number, state: HandedOffEnvironmentRecord["state"], updatedAt = at): HandedOffEnvironmentRecord {
  return {
    owner: "acme", repo: "web", name, state, sha: "b".repeat(40), ...(state === "active" ? { url: `https://${name}.example` } : {}),
    deploymentId: 7, statusId: 8, statusAt: updatedAt, pullNumber, actor: "octocat", updatedAt,
  };
}

describe("the rows of a pull request's sticky comment", () => {
  const stored = [environment("staging", 12), environment("production", 12), environment("pr-12", 12), environment("qa", 12, "removed"), environment("pr-13", 13), environment("demo", 13)];
  const sources = { environments: { list: async () => stored }, handedOffEnvironments: { list: async () => [] } };

  it("lists the pull request's own environments only: its preview first, then the others by name", async () => {
    const rows = await pullRequestRows(sources, { owner: "acme", repo: "web", pullNumber: 12 });
    expect(rows.map((row) => [row.environment, row.state])).toEqual([
      ["pr-12", "ready"],
      ["production", "ready"],
      ["qa", "removed"],
      ["staging", "ready"],
    ]);
  });

  it("shows the running job's row in place of the stored one, in the same order", async () => {
    const rows = await pullRequestRows(sources, { owner: "acme", repo: "web", pullNumber: 12 }, { environment: "qa", state: "building", updatedAt: new Date(at) });
    expect(rows.map((row) => [row.environment, row.state])).toEqual([
      ["pr-12", "ready"],
      ["production", "ready"],
      ["qa", "building"],
      ["staging", "ready"],
    ]);
  });

  it("merges the environments handed to the repository's workflow into the same order, with the workflow's URL", async () => {
    const handedOffSources = {
      environments: { list: async () => stored },
      handedOffEnvironments: { list: async () => [handedOff("fly", 12, "active"), handedOff("render", 12, "failed"), handedOff("heroku", 12, "deploying"), handedOff("vercel", 13, "active")] },
    };
    const rows = await pullRequestRows(handedOffSources, { owner: "acme", repo: "web", pullNumber: 12 }, { environment: "render", state: "building", updatedAt: new Date(later) });
    expect(rows.map((row) => [row.environment, row.state, row.url])).toEqual([
      ["pr-12", "ready", "https://sites.example/acme/web/pr-12/"],
      ["fly", "ready", "https://fly.example"],
      ["heroku", "building", undefined],
      ["production", "ready", "https://sites.example/acme/web/production/"],
      ["qa", "removed", "https://sites.example/acme/web/qa/"],
      ["render", "building", undefined],
      ["staging", "ready", "https://sites.example/acme/web/staging/"],
    ]);
  });

  it("shows an environment both served and handed off (its deployer changed) as it was updated last", async () => {
    const target = { owner: "acme", repo: "web", pullNumber: 12 };
    const servedLater = { environments: { list: async () => [environment("staging", 12, "active", later)] }, handedOffEnvironments: { list: async () => [handedOff("staging", 12, "failed")] } };
    const handedOffLater = { environments: { list: async () => [environment("staging", 12)] }, handedOffEnvironments: { list: async () => [handedOff("staging", 12, "failed", later)] } };
    expect((await pullRequestRows(servedLater, target)).map((row) => row.state)).toEqual(["ready"]);
    expect((await pullRequestRows(handedOffLater, target)).map((row) => row.state)).toEqual(["failed"]);
  });
});
