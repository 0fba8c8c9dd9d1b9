import { pullRequestRows } from "../../src/report/pull-request-rows";
import type { EnvironmentRecord } from "../../src/model/records";

const at = "2026-11-20T10:00:00.000Z";

function environment(name: string, pullNumber: number, state: EnvironmentRecord["state"] = "active"): EnvironmentRecord {
  return {
    installationId: 1, repoId: 1, owner: "acme", repo: "web", name, state, sha: "a".repeat(40), buildKey: "k", spa: false,
    sourceAt: at, pullNumber, url: `https://sites.example/acme/web/${name}/`, updatedAt: at,
  };
}

describe("the rows of a pull request's sticky comment", () => {
  const stored = [environment("staging", 12), environment("production", 12), environment("pr-12", 12), environment("qa", 12, "removed"), environment("pr-13", 13), environment("demo", 13)];
  const environments = { list: async () => stored };

  it("lists the pull request's own environments only: its preview first, then the others by name", async () => {
    const rows = await pullRequestRows(environments, { owner: "acme", repo: "web", pullNumber: 12 });
    expect(rows.map((row) => [row.environment, row.state])).toEqual([
      ["pr-12", "ready"],
      ["production", "ready"],
      ["qa", "removed"],
      ["staging", "ready"],
    ]);
  });

  it("shows the running job's row in place of the stored one, in the same order", async () => {
    const rows = await pullRequestRows(environments, { owner: "acme", repo: "web", pullNumber: 12 }, { environment: "qa", state: "building", updatedAt: new Date(at) });
    expect(rows.map((row) => [row.environment, row.state])).toEqual([
      ["pr-12", "ready"],
      ["production", "ready"],
      ["qa", "building"],
      ["staging", "ready"],
    ]);
  });
});
