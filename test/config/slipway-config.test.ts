import { environmentBuild, parseSlipwayConfig } from "../../src/config/slipway-config";
import type { SlipwayConfig } from "../../src/config/slipway-config";
import { configJsonSchema } from "../../scripts/json-schema";

function parsed(raw: unknown): SlipwayConfig {
  const result = parseSlipwayConfig(raw);
  if (!result.ok) throw new Error(`expected a valid config, got ${JSON.stringify(result.problems)}`);
  return result.config;
}

function problems(raw: unknown) {
  const result = parseSlipwayConfig(raw);
  return result.ok ? [] : result.problems;
}

describe("source in .github/slipway.yml", () => {
  it("serves the committed folder public when nothing is set, as before", () => {
    expect(parsed(undefined).preview.source).toEqual({ dir: "public" });
    expect(parsed({ preview: { source: {} } }).preview.source).toEqual({ dir: "public" });
  });

  it("normalises a committed folder", () => {
    expect(parsed({ preview: { source: { dir: "./site/dist/" } } }).preview.source).toEqual({ dir: "site/dist" });
  });

  it("reads an artifact source, with its folder normalised", () => {
    const config = parsed({ preview: { source: { artifact: { workflow: "build.yml", name: "site", path: "./dist/" } } } });
    expect(config.preview.source).toEqual({ artifact: { workflow: "build.yml", name: "site", path: "dist" } });
  });

  it("serves the artifact's root when no path is set, and sets no dir for an artifact", () => {
    const config = parsed({ environments: { production: { source: { artifact: { workflow: "deploy.yaml", name: "web build" } } } } });
    expect(environmentBuild(config, "production").source).toEqual({ artifact: { workflow: "deploy.yaml", name: "web build" } });
    expect(environmentBuild(config, "staging").source).toEqual({ dir: "public" });
  });

  it("refuses dir and artifact together, saying to keep one", () => {
    expect(problems({ preview: { source: { dir: "public", artifact: { workflow: "build.yml", name: "site" } } } })).toEqual([
      {
        key: "preview.source",
        message:
          "sets both `dir` and `artifact`: keep `dir` to serve files committed in the repository, or `artifact` to serve what a workflow uploaded, not both",
      },
    ]);
  });

  it.each([
    ["a workflow given as a path", { workflow: ".github/workflows/build.yml", name: "site" }, "preview.source.artifact.workflow", /file name of a workflow in \.github\/workflows, such as build\.yml/],
    ["a workflow that is not YAML", { workflow: "build", name: "site" }, "preview.source.artifact.workflow", /such as build\.yml/],
    ["a missing name", { workflow: "build.yml" }, "preview.source.artifact.name", /./],
    ["a name with a slash", { workflow: "build.yml", name: "site/dist" }, "preview.source.artifact.name", /as actions\/upload-artifact accepts it/],
    ["a path that climbs out", { workflow: "build.yml", name: "site", path: "../secrets" }, "preview.source.artifact.path", /inside the artifact/],
    ["an absolute path", { workflow: "build.yml", name: "site", path: "/etc" }, "preview.source.artifact.path", /inside the artifact/],
    ["an unknown key", { workflow: "build.yml", name: "site", run: 12 }, "preview.source.artifact.run", /not a known key/],
  ])("names the key of %s", (_, artifact, key, message) => {
    const [problem, ...more] = problems({ preview: { source: { artifact } } });
    expect(more).toEqual([]);
    expect(problem?.key).toBe(key);
    expect(problem?.message).toMatch(message);
  });

  it("refuses a committed folder that climbs out of the repository", () => {
    expect(problems({ preview: { source: { dir: "../x" } } })).toEqual([
      { key: "preview.source.dir", message: "must be a folder inside the repository (relative, without '..')" },
    ]);
  });

  it("tells editors that dir and artifact exclude each other, and offers dir's default", () => {
    const preview = configJsonSchema().properties?.preview;
    const source = typeof preview === "object" ? preview.properties?.source : undefined;
    expect(typeof source === "object" && source.not).toEqual({ required: ["dir", "artifact"] });
    const dir = typeof source === "object" ? source.properties?.dir : undefined;
    expect(typeof dir === "object" && dir.default).toBe("public");
  });
});
