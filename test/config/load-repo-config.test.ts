import nock from "nock";
import { loadRepoConfig } from "../../src/config/load-repo-config";
import { parseSlipwayConfig } from "../../src/config/slipway-config";
import { testOctokit } from "../github/test-octokit";

const sha = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
const repoFile = "/repos/acme/web/contents/.github%2Fslipway.yml";
const orgFile = "/repos/acme/.github/contents/.github%2Fslipway.yml";
const raw = { "Content-Type": "text/plain; charset=utf-8" };
const notFound = {
  message: "Not Found",
  documentation_url: "https://docs.github.com/rest/repos/contents#get-repository-content",
  status: "404",
};

describe("loadRepoConfig", () => {
  it("gives the defaults when neither the repository nor the organisation has the file", async () => {
    const scope = nock("https://api.github.com")
      .get(repoFile)
      .query({ ref: sha })
      .reply(404, notFound)
      .get(orgFile)
      .reply(404, notFound);

    const result = await loadRepoConfig(testOctokit(), { owner: "acme", repo: "web", ref: sha });

    expect(result).toEqual(parseSlipwayConfig(undefined));
    expect(result.ok).toBe(true);
    scope.done();
  });

  it("reads the file at the commit and validates it", async () => {
    const yaml = "preview:\n  source:\n    dir: ./site/\nenvironments:\n  production:\n    branch: main\n    permission: maintain\n";
    const scope = nock("https://api.github.com").get(repoFile).query({ ref: sha }).reply(200, yaml, raw);

    const result = await loadRepoConfig(testOctokit(), { owner: "acme", repo: "web", ref: sha });

    if (!result.ok) throw new Error(`expected a valid config, got ${JSON.stringify(result.problems)}`);
    expect(result.config.preview.source.dir).toBe("site");
    expect(result.config.environments.production).toEqual({ branch: "main", permission: "maintain", require_checks: false });
    scope.done();
  });

  it("reads the default branch's file when no ref is given", async () => {
    const scope = nock("https://api.github.com")
      .get(repoFile)
      .reply(200, "preview:\n  spa: true\n", raw);

    const result = await loadRepoConfig(testOctokit(), { owner: "acme", repo: "web" });

    expect(result.ok && result.config.preview.spa).toBe(true);
    scope.done();
  });

  it("names each bad key of an invalid file", async () => {
    const yaml = "preview:\n  ttl_days: 0\npreveiw:\n  spa: true\n";
    const scope = nock("https://api.github.com").get(repoFile).query({ ref: sha }).reply(200, yaml, raw);

    const result = await loadRepoConfig(testOctokit(), { owner: "acme", repo: "web", ref: sha });

    expect(result.ok).toBe(false);
    const keys = result.ok ? [] : result.problems.map((problem) => problem.key).sort();
    expect(keys).toEqual(["preveiw", "preview.ttl_days"]);
    scope.done();
  });

  it("reports a YAML syntax error as a file problem with the parser's reason and line", async () => {
    const yaml = "preview:\n  enabled: true\n   spa: true\n";
    const scope = nock("https://api.github.com")
      .get(repoFile)
      .query({ ref: sha })
      .twice()
      .reply(200, yaml, raw);

    const result = await loadRepoConfig(testOctokit(), { owner: "acme", repo: "web", ref: sha });

    expect(result.ok).toBe(false);
    const [problem] = result.ok ? [] : result.problems;
    expect(problem?.key).toBe("(file)");
    expect(problem?.message).toMatch(/^acme\/web:\.github\/slipway\.yml is not valid YAML at line 3, column \d+: bad indentation/);
    scope.done();
  });

  it("merges the file it extends from the organisation and drops the _extends key", async () => {
    const scope = nock("https://api.github.com")
      .get(repoFile)
      .query({ ref: sha })
      .reply(200, "_extends: .github\npreview:\n  spa: true\n", raw)
      .get(orgFile)
      .reply(200, "preview:\n  ttl_days: 3\nenvironments:\n  staging:\n    permission: triage\n", raw);

    const result = await loadRepoConfig(testOctokit(), { owner: "acme", repo: "web", ref: sha });

    if (!result.ok) throw new Error(`expected a valid config, got ${JSON.stringify(result.problems)}`);
    // Top-level keys merge: the repository's `preview` replaces the organisation's whole.
    expect(result.config.preview.spa).toBe(true);
    expect(result.config.preview.ttl_days).toBe(7);
    expect(result.config.environments.staging?.permission).toBe("triage");
    scope.done();
  });

  it("merges the organisation's secrets with the repository's by name, the repository's entry winning", async () => {
    const scope = nock("https://api.github.com")
      .get(repoFile)
      .query({ ref: sha })
      .reply(200, "_extends: .github\nsecrets:\n  NPM_TOKEN: sealed:v1:repo-npm\n  PYPI_TOKEN: sealed:v1:repo-pypi\n", raw)
      .get(orgFile)
      .reply(200, "secrets:\n  NPM_TOKEN: sealed:v1:org-npm\n  MIRROR_KEY_ID: sealed:v1:org-mirror\n", raw);

    const result = await loadRepoConfig(testOctokit(), { owner: "acme", repo: "web", ref: sha });

    if (!result.ok) throw new Error(`expected a valid config, got ${JSON.stringify(result.problems)}`);
    expect(result.config.secrets).toEqual({
      NPM_TOKEN: "sealed:v1:repo-npm",
      PYPI_TOKEN: "sealed:v1:repo-pypi",
      MIRROR_KEY_ID: "sealed:v1:org-mirror",
    });
    scope.done();
  });

  it("brings the organisation's secrets to a repository whose file has none", async () => {
    const scope = nock("https://api.github.com")
      .get(repoFile)
      .query({ ref: sha })
      .reply(200, "_extends: .github\npreview:\n  spa: true\n", raw)
      .get(orgFile)
      .reply(200, "secrets:\n  NPM_TOKEN: sealed:v1:org-npm\n", raw);

    const result = await loadRepoConfig(testOctokit(), { owner: "acme", repo: "web", ref: sha });

    expect(result).toMatchObject({ ok: true, config: { secrets: { NPM_TOKEN: "sealed:v1:org-npm" }, preview: { spa: true } } });
    scope.done();
  });

  it("reports a repository's secrets that are not a mapping instead of merging them", async () => {
    const scope = nock("https://api.github.com")
      .get(repoFile)
      .query({ ref: sha })
      .reply(200, "_extends: .github\nsecrets: [NPM_TOKEN]\n", raw)
      .get(orgFile)
      .reply(200, "secrets:\n  NPM_TOKEN: sealed:v1:org-npm\n", raw);

    const result = await loadRepoConfig(testOctokit(), { owner: "acme", repo: "web", ref: sha });

    expect(result).toMatchObject({ ok: false, problems: [{ key: "secrets" }] });
    scope.done();
  });

  it("ignores an empty _extends, which the plugin neither follows nor removes", async () => {
    const scope = nock("https://api.github.com")
      .get(repoFile)
      .query({ ref: sha })
      .reply(200, "_extends:\npreview:\n  spa: true\n", raw);

    const result = await loadRepoConfig(testOctokit(), { owner: "acme", repo: "web", ref: sha });

    expect(result.ok && result.config.preview.spa).toBe(true);
    scope.done();
  });

  it("uses the organisation's file when the repository has none", async () => {
    const scope = nock("https://api.github.com")
      .get(repoFile)
      .query({ ref: sha })
      .reply(404, notFound)
      .get(orgFile)
      .reply(200, "preview:\n  forks: never\n", raw);

    const result = await loadRepoConfig(testOctokit(), { owner: "acme", repo: "web", ref: sha });

    expect(result.ok && result.config.preview.forks).toBe("never");
    scope.done();
  });

  it("reports a file that is a list instead of keys and values", async () => {
    const scope = nock("https://api.github.com")
      .get(repoFile)
      .query({ ref: sha })
      .reply(200, "- preview\n- production\n", raw);

    const result = await loadRepoConfig(testOctokit(), { owner: "acme", repo: "web", ref: sha });

    expect(result).toEqual({
      ok: false,
      problems: [{ key: "(file)", message: "acme/web:.github/slipway.yml must be a mapping of keys to values" }],
    });
    scope.done();
  });

  it("reports an _extends value that names no repository", async () => {
    const scope = nock("https://api.github.com")
      .get(repoFile)
      .query({ ref: sha })
      .reply(200, "_extends: 'not a repo!'\n", raw);

    const result = await loadRepoConfig(testOctokit(), { owner: "acme", repo: "web", ref: sha });

    expect(result).toEqual({
      ok: false,
      problems: [{ key: "(file)", message: 'Invalid value "not a repo!" for _extends in acme/web:.github/slipway.yml' }],
    });
    scope.done();
  });

  it("throws when GitHub fails, so the job is retried rather than the user blamed", async () => {
    const scope = nock("https://api.github.com")
      .get(repoFile)
      .query({ ref: sha })
      .reply(502, { message: "Server Error" });

    await expect(loadRepoConfig(testOctokit(), { owner: "acme", repo: "web", ref: sha })).rejects.toMatchObject({ status: 502 });
    scope.done();
  });
});
