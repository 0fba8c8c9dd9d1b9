import nock from "nock";
import { runUpgrade } from "../../../src/jobs/propagate/run-upgrade";
import type { CampaignRecord } from "../../../src/model/propagation";
import type { Stores } from "../../../src/store/stores";
import { API, apiFixture } from "../../helpers/github-api";
import { testJobContext } from "../../helpers/job-context";
import { testStores } from "../../helpers/test-stores";

const source = { installationId: 7, repoId: 3, owner: "acme", repo: "design-system" };
const SHA = "c".repeat(40);
const TIP = "d".repeat(40);

function campaign(range: string): CampaignRecord {
  return {
    ...source,
    version: "2.0.0",
    packageName: "@acme/design-system",
    tag: "v2.0.0",
    headSha: SHA,
    releaseUrl: "https://github.com/acme/design-system/releases/tag/v2.0.0",
    consumers: [
      { repoId: 11, owner: "acme", repo: "shop", defaultBranch: "main", range },
      { repoId: 12, owner: "acme", repo: "blog", defaultBranch: "main", range },
      { repoId: 13, owner: "acme", repo: "docs", defaultBranch: "main", range },
      { repoId: 14, owner: "acme", repo: "api", defaultBranch: "main", range },
      { repoId: 15, owner: "acme", repo: "web", defaultBranch: "main", range },
    ],
    createdAt: new Date().toISOString(),
  };
}

const base64 = (text: string) => Buffer.from(text).toString("base64");

/** The reads an upgrade makes before its first write: the config at the tag, the branch, package.json. */
function mockReads(packageJson: object) {
  return nock(API)
    .get("/repos/acme/design-system/contents/.github%2Fslipway.yml")
    .query({ ref: "v2.0.0" })
    .reply(200, "propagate:\n  package: \"@acme/design-system\"\n  registry: http://127.0.0.1:9/\n")
    .get("/repos/acme/shop/branches/main")
    .reply(200, { name: "main", commit: { sha: TIP, commit: { tree: { sha: "e".repeat(40) } } } })
    .get("/repos/acme/shop/contents/package.json")
    .query({ ref: TIP })
    .reply(200, { type: "file", encoding: "base64", content: base64(JSON.stringify(packageJson)), sha: "f".repeat(40), html_url: "https://github.com/acme/shop/blob/main/package.json" });
}

/** acme/shop's upgrade pull request #9 for 2.0.0, merged or closed. */
function endedUpgrade(state: "merged" | "closed") {
  return {
    owner: "acme",
    repo: "shop",
    slug: "acme-design-system",
    packageName: "@acme/design-system",
    version: "2.0.0",
    pullNumber: 9,
    pullUrl: "https://github.com/acme/shop/pull/9",
    state,
    source: { owner: "acme", repo: "design-system", version: "2.0.0" },
    updatedAt: new Date().toISOString(),
  };
}

describe("runUpgrade", () => {
  let stores: Stores;
  let close: () => void;

  beforeEach(async () => {
    ({ stores, close } = await testStores());
  });
  afterEach(() => {
    close();
    nock.cleanAll();
  });

  async function run(range: string, consumers = 5) {
    await stores.campaigns.start({ ...campaign(range), consumers: campaign(range).consumers.slice(0, consumers) });
    const ctx = await testJobContext(stores);
    const outcome = await runUpgrade({ kind: "propagate-upgrade", repository: source, version: "2.0.0", index: 0, consumerRepoId: 11 }, ctx);
    const [row] = await stores.campaigns.rows("acme", "design-system", "2.0.0");
    const next = await stores.jobs.listStuck(new Date(Date.now() + 60_000), 10);
    return { outcome, row, queued: next.map((job) => job.job) };
  }

  it("never reopens a consumer's upgrade pull request that was closed for the same version, and makes no GitHub call", async () => {
    await stores.upgrades.put(endedUpgrade("closed"));
    const { outcome, row, queued } = await run("^1.0.0");
    expect(outcome.state).toBe("succeeded");
    expect(row).toMatchObject({ consumer: "acme/shop", state: "closed", pullNumber: 9 });
    // The fifth consumer takes the freed slot, and the check run is asked for.
    expect(queued).toEqual(expect.arrayContaining([expect.objectContaining({ kind: "propagate-upgrade", index: 4, consumerRepoId: 15 }), expect.objectContaining({ kind: "propagate-report" })]));
  });

  it("completes the check run at once, without waiting for its window, when the last consumer ends the campaign", async () => {
    await stores.upgrades.put(endedUpgrade("merged"));
    const scope = nock(API)
      .post("/repos/acme/design-system/check-runs", (body: { name?: string; status?: string; conclusion?: string }) => body.name === "Slipway / propagate" && body.status === "completed" && body.conclusion === "success")
      .reply(201, { ...apiFixture("check-run"), head_sha: SHA });
    const { row, queued } = await run("^1.0.0", 1);
    scope.done();
    expect(row).toMatchObject({ state: "merged" });
    expect(queued).toEqual([]);
  });

  it("fails the consumer's row, writing nothing, when its range is not one it can move", async () => {
    const scope = mockReads({ dependencies: { "@acme/design-system": "^1.0.0 || ^1.5.0" } });
    const { outcome, row } = await run("^1.0.0 || ^1.5.0");
    scope.done();
    expect(outcome.state).toBe("failed");
    expect(row).toMatchObject({ state: "failed", detail: expect.stringMatching(/the range "\^1\.0\.0 \|\| \^1\.5\.0" is not one Slipway rewrites .* update it by hand/) });
    expect(await stores.audit.list("acme", "shop")).toEqual([
      expect.objectContaining({ action: "upgrade", result: "failure", trigger: "release v2.0.0 of acme/design-system", detail: expect.stringMatching(/^@acme\/design-system \^1\.0\.0 \|\| \^1\.5\.0 → 2\.0\.0: the range/) }),
    ]);
  });

  it("leaves a consumer already at the version alone", async () => {
    const scope = mockReads({ devDependencies: { "@acme/design-system": "^2.0.0" } });
    const { outcome, row } = await run("^1.0.0");
    scope.done();
    expect(outcome.state).toBe("succeeded");
    expect(row).toMatchObject({ state: "up-to-date", from: "^2.0.0" });
  });
});
