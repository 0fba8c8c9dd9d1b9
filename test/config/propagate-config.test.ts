import { parseSlipwayConfig } from "../../src/config/slipway-config";

describe("propagate: in .github/slipway.yml", () => {
  it("reads the README's example, with every repository of the installation by default", () => {
    const result = parseSlipwayConfig({
      propagate: {
        package: "@acme/design-system",
        registry: "https://npm.acme.example/",
        token: "NPM_TOKEN",
        exclude: ["acme/legacy"],
        files: [{ from: "tokens/tokens.css", to: "src/styles/tokens.css" }],
        labels: ["dependencies"],
      },
    });
    expect(result).toEqual({
      ok: true,
      config: expect.objectContaining({
        propagate: {
          package: "@acme/design-system",
          registry: "https://npm.acme.example/",
          token: "NPM_TOKEN",
          repositories: "all",
          exclude: ["acme/legacy"],
          files: [{ from: "tokens/tokens.css", to: "src/styles/tokens.css" }],
          labels: ["dependencies"],
        },
      }),
    });
    const none = parseSlipwayConfig({});
    expect(none.ok && "propagate" in none.config).toBe(false);
  });

  it("names each wrong key and why", () => {
    const result = parseSlipwayConfig({
      propagate: {
        package: "Not A Package",
        registry: "ftp://registry.example/",
        token: "npm-token",
        repositories: ["just-a-name"],
        files: [{ from: "../secrets.txt", to: "/etc/passwd" }],
        branch: "main",
      },
    });
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems.map((problem) => `${problem.key}: ${problem.message}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        "propagate.package: must be an npm package name such as @acme/design-system",
        "propagate.registry: must be the registry's http(s) URL, such as https://npm.acme.example/",
        "propagate.token: must name a secret under `secrets:`, such as NPM_TOKEN",
        "propagate.repositories.0: must be a repository as owner/name",
        "propagate.files.0.from: must be a file path inside this repository (relative, without '..')",
        "propagate.files.0.to: must be a file path inside the consumer (relative, without '..')",
        "propagate.branch: is not a known key (check its spelling)",
      ]),
    );
  });

  it("needs the registry the lockfiles resolve from", () => {
    const result = parseSlipwayConfig({ propagate: { package: "tokens" } });
    expect(result.ok ? [] : result.problems.map((problem) => problem.key)).toEqual(["propagate.registry"]);
  });
});
