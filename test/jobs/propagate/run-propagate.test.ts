import nock from "nock";
import { runPropagate } from "../../../src/jobs/propagate/run-propagate";
import { sealSecret } from "../../../src/secrets/seal-secret";
import type { Stores } from "../../../src/store/stores";
import { JobDeferredError } from "../../../src/util/job-deferred-error";
import { API, apiFixture, recordCalls } from "../../helpers/github-api";
import { testJobContext } from "../../helpers/job-context";
import { testStores } from "../../helpers/test-stores";

const registry = process.env.TEST_NPM_REGISTRY ?? "";
const token = process.env.TEST_NPM_TOKEN ?? "";
const SHA = "c".repeat(40);
const repository = { installationId: 7, repoId: 3, owner: "acme", repo: "design-system" };

describe("runPropagate waiting for the version on the registry", () => {
  let stores: Stores;
  let close: () => void;

  beforeEach(async () => {
    ({ stores, close } = await testStores());
  });
  afterEach(() => {
    close();
    nock.cleanAll();
  });

  async function attempt(minutesSinceRelease: number) {
    const ctx = await testJobContext(stores);
    const sealed = await sealSecret({ scope: "acme/design-system", value: token }, (await ctx.keyRing()).sealingKey);
    // Never published on the test registry (Verdaccio answers 404 for it).
    const config = `propagate:\n  package: "@acme-unpublished/design-system"\n  registry: ${registry}\n  token: NPM_TOKEN\nsecrets:\n  NPM_TOKEN: ${sealed}\n`;
    const scope = nock(API)
      .get("/repos/acme/design-system/commits/v3.0.0")
      .reply(200, { sha: SHA })
      .get("/repos/acme/design-system/contents/.github%2Fslipway.yml")
      .query({ ref: "v3.0.0" })
      .reply(200, config)
      .post("/repos/acme/design-system/check-runs")
      .reply(201, { ...apiFixture("check-run"), head_sha: SHA });
    const log = recordCalls(scope);
    const publishedAt = new Date(Date.now() - minutesSinceRelease * 60_000).toISOString();
    const run = runPropagate({ kind: "propagate", repository, tag: "v3.0.0", version: "3.0.0", releaseUrl: "https://github.com/acme/design-system/releases/tag/v3.0.0", publishedAt, actor: "octocat" }, ctx);
    return { run, scope, log };
  }

  it("goes back on the queue for a minute, saying on the check run what it waits for", async () => {
    const { run, scope, log } = await attempt(5);
    const error = await run.then(() => undefined, (thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(JobDeferredError);
    expect((error as JobDeferredError).delaySeconds(new Date())).toBeGreaterThanOrEqual(59);
    expect((error as JobDeferredError).reason).toBe("Waiting for npm publish of @acme-unpublished/design-system@3.0.0");
    scope.done();
    const check = log.bodies.find((body) => body.call === "POST /repos/acme/design-system/check-runs")?.body;
    expect(check).toMatchObject({ name: "Slipway / propagate", status: "in_progress", output: { title: "Waiting for npm publish" } });
  });

  it("gives up an hour after the release, failing the check run", async () => {
    const { run, scope, log } = await attempt(61);
    await expect(run).resolves.toMatchObject({ state: "failed", result: expect.stringMatching(/^Waiting for npm publish/) });
    scope.done();
    const check = log.bodies.find((body) => body.call === "POST /repos/acme/design-system/check-runs")?.body;
    expect(check).toMatchObject({ status: "completed", conclusion: "failure", output: { title: "Waiting for npm publish", summary: expect.stringMatching(/did not appear on .* within an hour/) } });
  });

  it("reads only the config at the tag when the repository does not propagate", async () => {
    const ctx = await testJobContext(stores);
    const scope = nock(API).get("/repos/acme/design-system/contents/.github%2Fslipway.yml").query({ ref: "v3.0.0" }).reply(200, "environments: {}\n");
    const outcome = await runPropagate({ kind: "propagate", repository, tag: "v3.0.0", version: "3.0.0", releaseUrl: "https://github.com/acme/design-system/releases/tag/v3.0.0", publishedAt: new Date().toISOString(), actor: "octocat" }, ctx);
    scope.done();
    expect(outcome).toEqual({ state: "succeeded", result: "the repository does not propagate its releases" });
  });

  it("reports a token naming an undefined secret on the config check run, listing the defined ones", async () => {
    const ctx = await testJobContext(stores);
    const sealed = await sealSecret({ scope: "acme/design-system", value: token }, (await ctx.keyRing()).sealingKey);
    const scope = nock(API)
      .get("/repos/acme/design-system/commits/v3.0.0")
      .reply(200, { sha: SHA })
      .get("/repos/acme/design-system/contents/.github%2Fslipway.yml")
      .query({ ref: "v3.0.0" })
      .reply(200, `propagate:\n  package: tokens\n  registry: ${registry}\n  token: NPM_TOKN\nsecrets:\n  NPM_TOKEN: ${sealed}\n`)
      .post("/repos/acme/design-system/check-runs")
      .reply(201, { ...apiFixture("check-run"), head_sha: SHA });
    const log = recordCalls(scope);
    const outcome = await runPropagate({ kind: "propagate", repository, tag: "v3.0.0", version: "3.0.0", releaseUrl: "https://github.com/acme/design-system/releases/tag/v3.0.0", publishedAt: new Date().toISOString(), actor: "octocat" }, ctx);
    scope.done();
    expect(outcome).toMatchObject({ state: "failed", result: expect.stringMatching(/^invalid propagate: propagate\.token names the secret NPM_TOKN, which `secrets:` does not define \(defined: NPM_TOKEN\): seal it/) });
    expect(log.bodies[0]?.body).toMatchObject({ name: "Slipway / config", conclusion: "failure" });
  });
});
