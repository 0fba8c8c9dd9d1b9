import { runGraph } from "../../../src/jobs/publish/run-graph";

const GRAPH = { npm: { needs: [] }, pypi: { needs: [] }, mirror: { needs: [] }, homebrew: { needs: ["mirror"] }, docs: { needs: ["homebrew"] } };

function recorder(outcomes: Record<string, boolean>, delays: Record<string, number> = {}) {
  const started: string[] = [];
  let active = 0;
  let peak = 0;
  return {
    started,
    peak: () => peak,
    run: async (name: string) => {
      started.push(name);
      active += 1;
      peak = Math.max(peak, active);
      await new Promise((resolve) => setTimeout(resolve, delays[name] ?? 5));
      active -= 1;
      return outcomes[name] ?? true;
    },
  };
}

describe("runGraph", () => {
  it("runs every target, each after its needs, never more at once than the concurrency", async () => {
    const log = recorder({});
    const result = await runGraph(GRAPH, { concurrency: 2, done: new Set(), run: log.run });
    expect(result.failed).toEqual([]);
    expect(result.blocked.size).toBe(0);
    expect(result.succeeded.sort()).toEqual(["docs", "homebrew", "mirror", "npm", "pypi"]);
    expect(log.peak()).toBeLessThanOrEqual(2);
    expect(log.started.indexOf("homebrew")).toBeGreaterThan(log.started.indexOf("mirror"));
    expect(log.started.indexOf("docs")).toBeGreaterThan(log.started.indexOf("homebrew"));
  });

  it("runs independent targets in parallel up to the concurrency", async () => {
    const log = recorder({}, { npm: 30, pypi: 30, mirror: 30 });
    await runGraph(GRAPH, { concurrency: 3, done: new Set(), run: log.run });
    expect(log.peak()).toBe(3);
  });

  it("blocks the dependents of a failed target, down the graph, and carries on with the others", async () => {
    const log = recorder({ mirror: false });
    const result = await runGraph(GRAPH, { concurrency: 4, done: new Set(), run: log.run });
    expect(result.failed).toEqual(["mirror"]);
    expect([...result.blocked]).toEqual([
      ["homebrew", "mirror"],
      ["docs", "homebrew"],
    ]);
    expect(result.succeeded.sort()).toEqual(["npm", "pypi"]);
    expect(log.started).not.toContain("homebrew");
  });

  it("runs only what is not done, counting done targets as met needs", async () => {
    const log = recorder({});
    const result = await runGraph(GRAPH, { concurrency: 4, done: new Set(["npm", "mirror"]), run: log.run });
    expect(log.started.sort()).toEqual(["docs", "homebrew", "pypi"]);
    expect(result.succeeded.sort()).toEqual(["docs", "homebrew", "pypi"]);
  });

  it("lets the other targets finish when one run rejects, blocks its dependents, then throws the rejection", async () => {
    const finished: string[] = [];
    const waiting = new Error("the job has to wait");
    const run = async (name: string) => {
      await new Promise((resolve) => setTimeout(resolve, name === "npm" ? 20 : 1));
      if (name === "mirror") throw waiting;
      finished.push(name);
      return true;
    };
    await expect(runGraph(GRAPH, { concurrency: 4, done: new Set(), run })).rejects.toBe(waiting);
    expect(finished.sort()).toEqual(["npm", "pypi"]);
  });
});
