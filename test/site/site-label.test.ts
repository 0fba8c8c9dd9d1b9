import { MAX_LABEL_LENGTH, parseSiteLabel, siteLabel } from "../../src/site/site-label";
import { siteUrl } from "../../src/site/site-url";

describe("siteLabel and parseSiteLabel", () => {
  it.each([
    ["acme", "web", "pr-12", "pr-12--web--acme"],
    ["Acme-Corp", "Web-App", "staging", "staging--web-app--acme-corp"],
    ["octo", "hello", "production", "production--hello--octo"],
  ])("gives %s/%s/%s the readable label %s, which reads back to the environment", (owner, repo, environment, label) => {
    expect(siteLabel(owner, repo, environment)).toEqual({ label, hashed: false });
    expect(parseSiteLabel(label)).toEqual({ kind: "plain", owner: owner.toLowerCase(), repo: repo.toLowerCase(), environment });
    expect(parseSiteLabel(label.toUpperCase())).toEqual(parseSiteLabel(label));
  });

  it.each([
    ["a name over 63 characters", "acme", "a-repository-with-quite-a-long-name", "release-candidate-2026-11"],
    ["a dot in the repository", "acme", "acme.github.io", "pr-3"],
    ["an underscore in the environment", "acme", "web", "eu_west"],
    ["a double hyphen in the repository", "acme", "web--v2", "pr-1"],
    ["an upper-case environment", "acme", "web", "Staging"],
  ])("shortens a label with %s, within 63 characters, and says it must be looked up", (_, owner, repo, environment) => {
    const { label, hashed } = siteLabel(owner, repo, environment);
    expect(hashed).toBe(true);
    expect(label.length).toBeLessThanOrEqual(MAX_LABEL_LENGTH);
    expect(label).toMatch(/^[a-z0-9][a-z0-9-]*---[a-z2-7]{16}$/);
    expect(parseSiteLabel(label)).toEqual({ kind: "hashed", label });
  });

  it("keeps a readable start in a shortened label", () => {
    expect(siteLabel("acme", "a-repository-with-quite-a-long-name", "release-candidate-2026-11").label).toMatch(/^release-candidate-2026-11-a-repository-with---[a-z2-7]{16}$/);
  });

  it("gives different environments different labels, even where lower case would merge them", () => {
    const labels = [
      siteLabel("acme", "web", "staging"),
      siteLabel("acme", "web", "Staging"),
      siteLabel("acme", "web", "STAGING"),
      siteLabel("acme", "web.v2", "pr-1"),
      siteLabel("acme", "web_v2", "pr-1"),
      siteLabel("acme", "web-v2", "pr-1"),
    ].map((entry) => entry.label);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it("ignores the casing of owner and repository, which GitHub does not tell apart", () => {
    expect(siteLabel("ACME", "Web.Site", "pr-1")).toEqual(siteLabel("acme", "web.site", "pr-1"));
  });

  it.each([
    ["a label without parts", "www"],
    ["a label with two parts", "pr-1--web"],
    ["a label with four parts", "a--b--c--d"],
    ["a part ending in a hyphen", "pr---web--acme"],
    ["an empty part", "--web--acme"],
    ["a malformed hash", "site---abc"],
    ["a label longer than DNS allows", `${"a".repeat(30)}--${"b".repeat(20)}--${"c".repeat(20)}`],
  ])("reads %s as naming no environment", (_, label) => {
    expect(parseSiteLabel(label)).toBeUndefined();
  });
});

describe("siteUrl", () => {
  it("is the path under SITE_BASE_URL without SITE_DOMAIN", () => {
    expect(siteUrl({ baseUrl: "https://previews.example.com/sites" }, "Acme", "Web", "pr-12")).toBe("https://previews.example.com/sites/acme/web/pr-12/");
  });

  it("is the environment's own origin with SITE_DOMAIN, on SITE_BASE_URL's scheme", () => {
    expect(siteUrl({ baseUrl: "https://api.example.com/sites", domain: "previews.example.com" }, "Acme", "Web", "pr-12")).toBe("https://pr-12--web--acme.previews.example.com/");
    expect(siteUrl({ baseUrl: "http://127.0.0.1:3000/sites", domain: "localhost:3000" }, "acme", "web", "pr-1")).toBe("http://pr-1--web--acme.localhost:3000/");
  });

  it("uses the shortened label for a long name", () => {
    const url = siteUrl({ baseUrl: "https://api.example.com/sites", domain: "previews.example.com" }, "acme", "web", "Staging");
    expect(url).toBe(`https://${siteLabel("acme", "web", "Staging").label}.previews.example.com/`);
  });
});
