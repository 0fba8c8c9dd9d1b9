import { randomUUID } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startGitHubStandIn, type GitHubStandIn } from "../../bench/github-stand-in";
import { pullText } from "../../bench/stand-in/pull-routes";
import type { Repository } from "../../bench/stand-in/model";
import { sealSecret } from "../../src/secrets/seal-secret";
import { NpmCli } from "../jobs/publish/targets/npm-cli";
import { startTestRuntime, type TestRuntime } from "../helpers/test-runtime";
import { pullRequestPayload, releasePublishedPayload } from "../helpers/webhook-fixtures";

const registry = process.env.TEST_NPM_REGISTRY ?? "";
const token = process.env.TEST_NPM_TOKEN ?? "";

jest.setTimeout(180_000);

// A design system's releases carried to three consumers, end to end: signed deliveries into the
// local runtime, the fan-out through its queue, GitHub as the loopback stand-in (recorded answer
// shapes, GitHub's secondary limits) and the lockfile resolved against Verdaccio.
describe("design-system propagation on the local runtime", () => {
  const npm = new NpmCli(registry, token);
  const packageName = `@acme-e2e/design-system-${randomUUID().slice(0, 8)}`;
  let github: GitHubStandIn;
  let e2e: TestRuntime;
  let source: Repository;
  const consumers: Record<"shop" | "blog" | "docs", Repository> = {} as Record<"shop" | "blog" | "docs", Repository>;

  async function publish(version: string): Promise<void> {
    const dir = join(npm.dir, `ds-${version}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: packageName, version }));
    writeFileSync(join(dir, "index.css"), `/* ${version} */\n`);
    await npm.run(["publish", "--ignore-scripts", "--access", "public"], dir);
  }

  async function lockfileFor(manifest: object): Promise<string> {
    const dir = join(npm.dir, `consumer-${randomUUID().slice(0, 8)}`);
    mkdirSync(dir);
    writeFileSync(join(dir, "package.json"), JSON.stringify(manifest, null, 2));
    await npm.run(["install", "--ignore-scripts", "--package-lock-only"], dir);
    return readFileSync(join(dir, "package-lock.json"), "utf8");
  }

  beforeAll(async () => {
    await publish("1.0.0");
    github = await startGitHubStandIn({ log: () => undefined });
    e2e = await startTestRuntime(() => ({ GHE_HOST: github.host, GHE_PROTOCOL: "http", SLIPWAY_CAMPAIGN_REPORT_SECONDS: "1" }));
    github.setWebhook({ url: `${e2e.runtime.url}/api/github/webhooks`, secret: "test-webhook-secret" });
    const { model } = github;

    source = model.addRepository({ installationId: 1, owner: "acme", name: "design-system" });
    const sealed = await sealSecret({ scope: "acme/design-system", value: token }, e2e.runtime.keyRing.sealingKey);
    const config = [
      "propagate:",
      `  registry: ${registry}`,
      "  token: NPM_TOKEN",
      "  exclude: [acme/legacy]",
      "  files:",
      "    - from: tokens/tokens.css",
      "      to: src/styles/tokens.css",
      "  labels: [dependencies]",
      "secrets:",
      `  NPM_TOKEN: ${sealed}`,
      "",
    ].join("\n");
    for (const version of ["1.1.0", "1.2.0"]) {
      const commit = model.addCommit(source, { ".github/slipway.yml": config, "package.json": JSON.stringify({ name: packageName, version }), "tokens/tokens.css": `:root { --version: "${version}"; }\n` }, { branch: "main" });
      // The stand-in resolves a tag like a branch name.
      source.branches.set(`v${version}`, commit.sha);
    }

    const shopManifest = { name: "shop", version: "1.0.0", dependencies: { [packageName]: "^1.0.0" } };
    consumers.shop = model.addRepository({ installationId: 1, owner: "acme", name: "shop" });
    model.addCommit(consumers.shop, { "package.json": `${JSON.stringify(shopManifest, null, 2)}\n`, "package-lock.json": await lockfileFor(shopManifest) }, { branch: "main" });
    consumers.blog = model.addRepository({ installationId: 1, owner: "acme", name: "blog" });
    model.addCommit(consumers.blog, { "package.json": JSON.stringify({ name: "blog", dependencies: { [packageName]: "~1.0.0" } }, null, 2), "yarn.lock": "# yarn lockfile v1\n" }, { branch: "main" });
    consumers.docs = model.addRepository({ installationId: 1, owner: "acme", name: "docs", defaultBranch: "trunk" });
    model.addCommit(consumers.docs, { "package.json": JSON.stringify({ name: "docs", devDependencies: { [packageName]: "1.0.0" } }, null, 2) }, { branch: "trunk" });
    const unrelated = model.addRepository({ installationId: 1, owner: "acme", name: "api" });
    model.addCommit(unrelated, { "package.json": JSON.stringify({ name: "api", dependencies: { express: "^4.0.0" } }) }, { branch: "main" });
    const legacy = model.addRepository({ installationId: 1, owner: "acme", name: "legacy" });
    model.addCommit(legacy, { "package.json": JSON.stringify({ name: "legacy", dependencies: { [packageName]: "^1.0.0" } }) }, { branch: "main" });

    await publish("1.1.0");
    await publish("1.2.0");
  });

  afterAll(async () => {
    await e2e?.close();
    await github?.close();
    npm.cleanUp();
  });

  function releaseEvent(version: string) {
    const payload = releasePublishedPayload();
    payload.repository = { ...payload.repository, id: source.id, name: "design-system", full_name: "acme/design-system", owner: { ...payload.repository.owner, login: "acme" } };
    payload.release = { ...payload.release, tag_name: `v${version}`, html_url: `https://github.com/acme/design-system/releases/tag/v${version}`, published_at: new Date().toISOString() };
    return payload;
  }

  function propagateCheck(version: string) {
    const tip = source.branches.get(`v${version}`);
    return source.checkRuns.filter((run) => run.name === "Slipway / propagate" && run.headSha === tip).at(-1);
  }

  const openPulls = (repository: Repository) => [...repository.pulls.values()].filter((pull) => pull.headRef === `slipway/${packageName.slice(1).replace("/", "-")}`);
  const writesTo = (repository: Repository, since: number) => github.requests.slice(since).filter((request) => request.contentCreating && request.path.startsWith(`/repos/acme/${repository.name}/`)).map((request) => request.route);

  it("opens one upgrade pull request per consumer and shows every consumer on the check run", async () => {
    const since = github.requests.length;
    expect((await github.deliver("release", releaseEvent("1.1.0"))).status).toBe(200);
    await e2e.runtime.drain();
    expect(github.unknownRoutes).toEqual([]);

    const [shopPull] = openPulls(consumers.shop);
    expect(shopPull).toMatchObject({ number: 1, state: "open", baseRef: "main" });
    const shopHead = consumers.shop.commits.get(shopPull!.headSha)!;
    expect(JSON.parse(shopHead.files.get("package.json")!).dependencies[packageName]).toBe("^1.1.0");
    const lock = JSON.parse(shopHead.files.get("package-lock.json")!);
    expect(lock.packages[`node_modules/${packageName}`]).toMatchObject({ version: "1.1.0", integrity: await npm.view(`${packageName}@1.1.0`, "dist.integrity") });
    expect(shopHead.files.get("src/styles/tokens.css")).toBe(':root { --version: "1.1.0"; }\n');
    expect(pullText(consumers.shop, 1)).toMatchObject({ title: `Upgrade ${packageName} from ^1.0.0 to ^1.1.0`, labels: ["dependencies"] });
    expect(pullText(consumers.shop, 1)?.body).toContain("https://github.com/acme/design-system/releases/tag/v1.1.0");

    const blogHead = consumers.blog.commits.get(openPulls(consumers.blog)[0]!.headSha)!;
    expect(JSON.parse(blogHead.files.get("package.json")!).dependencies[packageName]).toBe("~1.1.0");
    expect(blogHead.files.get("yarn.lock")).toBe("# yarn lockfile v1\n");
    expect(pullText(consumers.blog, 1)?.body).toContain("yarn.lock left alone");
    const docsPull = openPulls(consumers.docs)[0]!;
    expect(docsPull.baseRef).toBe("trunk");
    expect(JSON.parse(consumers.docs.commits.get(docsPull.headSha)!.files.get("package.json")!).devDependencies[packageName]).toBe("1.1.0");

    // tree, commit, branch, pull request, and the label on a new one.
    for (const consumer of Object.values(consumers)) {
      expect(writesTo(consumer, since)).toEqual([
        "POST /repos/{owner}/{repo}/git/trees",
        "POST /repos/{owner}/{repo}/git/commits",
        "POST /repos/{owner}/{repo}/git/refs",
        "POST /repos/{owner}/{repo}/pulls",
        "POST /repos/{owner}/{repo}/issues/{issue_number}/labels",
      ]);
    }
    // Every upgrade is in the consumer's audit trail.
    for (const consumer of Object.values(consumers)) {
      expect(await e2e.runtime.storage.stores.audit.list("acme", consumer.name)).toEqual([
        expect.objectContaining({ action: "upgrade", result: "success", trigger: "release v1.1.0 of acme/design-system", link: `https://github.com/acme/${consumer.name}/pull/1` }),
      ]);
    }
    expect(github.model.repository("acme", "legacy")?.pulls.size).toBe(0);
    expect(github.model.repository("acme", "api")?.pulls.size).toBe(0);

    const check = propagateCheck("1.1.0");
    expect(check).toMatchObject({ status: "completed", conclusion: "success" });
    expect(check?.output.title).toBe(`${packageName}@1.1.0: 3 opened`);
    for (const name of ["acme/shop", "acme/blog", "acme/docs"]) expect(check?.output.summary).toMatch(new RegExp(`\\| ${name} \\| opened`));
    expect(check?.output.summary).toContain("[#1](https://github.com/acme/shop/pull/1)");
  });

  it("records a merged upgrade on the check run, and a newer release updates the open pull requests in place without reopening the merged one", async () => {
    // The shop merges its upgrade: main moves to the upgrade's commit.
    const shopPull = openPulls(consumers.shop)[0]!;
    consumers.shop.branches.set("main", shopPull.headSha);
    Object.assign(shopPull, { state: "closed", merged: true });
    const closed = pullRequestPayload("closed");
    closed.repository = { ...closed.repository, id: consumers.shop.id, name: "shop", full_name: "acme/shop", owner: { ...closed.repository.owner, login: "acme" } };
    closed.pull_request = { ...closed.pull_request, number: shopPull.number, merged: true, head: { ...closed.pull_request.head, ref: shopPull.headRef, repo: { ...closed.pull_request.head.repo!, id: consumers.shop.id } } };
    expect((await github.deliver("pull_request", closed)).status).toBe(200);
    await e2e.runtime.drain();
    expect(propagateCheck("1.1.0")?.output.title).toBe(`${packageName}@1.1.0: 2 opened · 1 merged`);

    const since = github.requests.length;
    expect((await github.deliver("release", releaseEvent("1.2.0"))).status).toBe(200);
    await e2e.runtime.drain();
    expect(github.unknownRoutes).toEqual([]);

    // The blog's and the docs' pull requests are edited in place: the same number, 4 writes each.
    for (const consumer of [consumers.blog, consumers.docs]) {
      const pulls = openPulls(consumer);
      expect(pulls.map((pull) => [pull.number, pull.state])).toEqual([[1, "open"]]);
      expect(pullText(consumer, 1)?.title).toMatch(/from (~1\.0\.0|1\.0\.0) to (~1\.2\.0|1\.2\.0)$/);
      expect(writesTo(consumer, since)).toEqual([
        "POST /repos/{owner}/{repo}/git/trees",
        "POST /repos/{owner}/{repo}/git/commits",
        "PATCH /repos/{owner}/{repo}/git/refs/{ref+}",
        "PATCH /repos/{owner}/{repo}/pulls/{pull_number}",
      ]);
    }
    // The merged one stays merged; the shop, now at ^1.1.0, gets a new pull request for 1.2.0.
    expect(consumers.shop.pulls.get(1)).toMatchObject({ state: "closed", merged: true });
    expect(consumers.shop.pulls.get(2)).toMatchObject({ state: "open" });
    expect(pullText(consumers.shop, 2)?.title).toBe(`Upgrade ${packageName} from ^1.1.0 to ^1.2.0`);

    const check = propagateCheck("1.2.0");
    expect(check?.output.title).toBe(`${packageName}@1.2.0: 1 opened · 2 updated`);
    expect(check?.output.summary).toMatch(/\| acme\/blog \| updated: yarn\.lock left alone/);
  });
});
