/**
 * `npm run bench:publish`: one release published to four targets, each behind simulated
 * latency, to compare the publish wall time with the critical path of its `needs` graph, and
 * to count the GitHub API calls a release costs.
 *
 * The outside world, all on loopback: the test servers (Verdaccio for npm, the PyPI stand-in,
 * s3rver, DynamoDB Local for the state table) started as jest's global setup starts them, each
 * registry behind a proxy that holds every request for its latency; GitHub (the release, the
 * config at the tag, the check run, the Homebrew tap, asset downloads) answered by nock with a
 * delay. The publish job itself runs in this process as the worker runs it (`runPublish`).
 *
 * The graph: npm, pypi and mirror (s3) in parallel, homebrew after mirror; `concurrency: 4`.
 * The critical path is the longest chain of measured target durations (start to end, from
 * the ledger), so wall time minus it is what the job adds around the targets.
 *
 * BENCH_LATENCY_MS scales the registries' latencies (default npm 120, pypi 80, s3 60, GitHub 40).
 */
import { CreateBucketCommand } from "@aws-sdk/client-s3";
import { execFileSync } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nock from "nock";
import pino from "pino";
import { ProbotOctokit } from "probot";
import { FolderBlobStore } from "../src/blobs/folder-blob-store";
import { createS3Client } from "../src/blobs/create-s3-client";
import type { Octokit } from "../src/github/octokit";
import { ReleaseAssetSchema, type ReleaseAsset } from "../src/github/release-asset";
import { JOB_KINDS } from "../src/job-kinds";
import type { JobContext } from "../src/jobs/job-context";
import { runPublish } from "../src/jobs/publish/run-publish";
import { criticalPath } from "../src/jobs/publish/targets/target-graph";
import { KeyRing } from "../src/secrets/key-ring";
import { sealSecret } from "../src/secrets/seal-secret";
import { createStores } from "../src/store/dynamo/create-stores";
import { createDynamoClients } from "../src/store/dynamo/dynamo-clients";
import { ensureTable } from "../src/store/dynamo/table";
import { sdist, wheel } from "../test/jobs/publish/targets/python-dists";

const SCALE = Number(process.env.BENCH_LATENCY_MS ?? "0") > 0 ? Number(process.env.BENCH_LATENCY_MS) / 100 : 1;
const LATENCY = { npm: 120 * SCALE, pypi: 80 * SCALE, s3: 60 * SCALE, github: 40 * SCALE };
const API = "https://api.github.com";
const DOWNLOADS = "https://release-assets.githubusercontent.com";
const SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e";

/** A proxy to `upstream` that holds every request `latencyMs` before passing it on. */
async function slowProxy(upstream: string, latencyMs: number): Promise<{ url: string; server: Server }> {
  const target = new URL(upstream);
  const server = createServer((incoming, outgoing) => {
    setTimeout(() => {
      const forward = httpRequest({ host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: { ...incoming.headers, host: target.host } }, (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      });
      forward.on("error", () => outgoing.destroy());
      incoming.pipe(forward);
    }, latencyMs);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

function asset(id: number, name: string, body: Buffer): ReleaseAsset {
  return ReleaseAssetSchema.parse({
    id,
    name,
    size: body.length,
    content_type: "application/octet-stream",
    state: "uploaded",
    browser_download_url: `https://github.com/acme/web/releases/download/v1.0.0/${name}`,
    digest: `sha256:${createHash("sha256").update(body).digest("hex")}`,
  });
}

/** The test servers' setup is an ES module (jest's globalSetup): loaded as one, so its `import.meta` is real. */
const importModule = new Function("specifier", "return import(specifier)") as (specifier: string) => Promise<{ default: () => Promise<void>; stopTestServers(): Promise<void> }>;

async function main(): Promise<void> {
  const { default: globalSetup, stopTestServers } = await importModule(join(__dirname, "..", "test", "servers", "global-setup.mjs"));
  process.stdout.write("starting the test servers (DynamoDB Local, s3rver, Verdaccio, the PyPI stand-in)…\n");
  await globalSetup();
  const work = mkdtempSync(join(tmpdir(), "slipway-bench-publish-"));
  const servers: Server[] = [];
  try {
    const env = (name: string) => process.env[name] ?? "";
    const npmProxy = await slowProxy(env("TEST_NPM_REGISTRY"), LATENCY.npm);
    const pypiProxy = await slowProxy(env("TEST_PYPI_URL"), LATENCY.pypi);
    const s3Proxy = await slowProxy(env("TEST_S3_ENDPOINT"), LATENCY.s3);
    servers.push(npmProxy.server, pypiProxy.server, s3Proxy.server);

    const suffix = randomUUID().slice(0, 8);
    const name = `bench-core-${suffix}`;
    const bucket = `bench-${suffix}`;
    const s3 = createS3Client({ endpoint: env("TEST_S3_ENDPOINT"), region: "us-east-1", forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    s3.destroy();

    // The release's assets: an `npm pack` output, a wheel and an sdist, and two site tarballs.
    writeFileSync(join(work, "package.json"), JSON.stringify({ name, version: "1.0.0", license: "MIT" }));
    writeFileSync(join(work, "index.js"), "module.exports = 1;\n");
    const packed = execFileSync("npm", ["pack", "--silent"], { cwd: work, encoding: "utf8" }).trim().split("\n").pop() ?? "";
    const files: [string, Buffer][] = [
      [packed, readFileSync(join(work, packed))],
      ...[wheel({ name, version: "1.0.0" }), await sdist({ name, version: "1.0.0" })].map((dist): [string, Buffer] => [dist.filename, dist.body]),
      ["site-1.0.0.tar.gz", randomBytes(256 * 1024)],
      ["site-1.0.0-darwin-arm64.tar.gz", randomBytes(256 * 1024)],
    ];
    const assets = files.map(([fileName, body], index) => asset(9000 + index, fileName, body));

    const ring = await KeyRing.fromSecretKeys([new Uint8Array(randomBytes(32))]);
    const seal = (value: string) => sealSecret({ scope: "acme/web", value }, ring.sealingKey);
    const config = [
      "secrets:",
      `  NPM_TOKEN: ${await seal(env("TEST_NPM_TOKEN"))}`,
      `  PYPI_TOKEN: ${await seal(env("TEST_PYPI_TOKEN"))}`,
      `  KEY_ID: ${await seal("S3RVER")}`,
      `  SECRET: ${await seal("S3RVER")}`,
      "publish:",
      "  concurrency: 4",
      "  targets:",
      `    npm: { type: npm, asset: "${name}-*.tgz", registry: "${npmProxy.url}/", token: NPM_TOKEN }`,
      `    pypi: { type: pypi, assets: ["*.whl", "${name.replace(/-/g, "_")}-*.tar.gz"], repository: "${pypiProxy.url}/legacy/", token: PYPI_TOKEN }`,
      `    mirror: { type: s3, assets: ["site-*"], bucket: ${bucket}, prefix: "site/{version}/", region: us-east-1, endpoint: "${s3Proxy.url}", access_key_id: KEY_ID, secret_access_key: SECRET }`,
      `    homebrew: { type: homebrew, tap: acme/homebrew-tap, formula: site, asset: "site-*-darwin-arm64.tar.gz", needs: [mirror] }`,
      "",
    ].join("\n");

    // GitHub, answering after its latency; every API request is counted.
    const formula = `class Site < Formula\n  url "https://github.com/acme/web/releases/download/v0.9.0/site-0.9.0-darwin-arm64.tar.gz"\n  sha256 "${"b".repeat(64)}"\n  version "0.9.0"\nend\n`;
    const contents = { type: "file", encoding: "base64", size: formula.length, name: "site.rb", path: "Formula/site.rb", content: Buffer.from(formula).toString("base64"), sha: "3d21ec53a331a6f037a91c368710b99387d012c1", html_url: "https://github.com/acme/homebrew-tap/blob/main/Formula/site.rb" };
    const checkRun = { id: 4242, name: "Slipway / publish", head_sha: SHA, status: "in_progress", html_url: "https://github.com/acme/web/runs/4242" };
    const api = nock(API).persist();
    api.get("/repos/acme/web/releases/77").delay(LATENCY.github).reply(200, { id: 77, tag_name: "v1.0.0", draft: false, prerelease: false, html_url: "https://github.com/acme/web/releases/tag/v1.0.0", assets });
    api.get("/repos/acme/web/commits/tags%2Fv1.0.0").delay(LATENCY.github).reply(200, { sha: SHA });
    api.get("/repos/acme/web/contents/.github%2Fslipway.yml").query(true).delay(LATENCY.github).reply(200, config, { "Content-Type": "text/plain" });
    api.post("/repos/acme/web/check-runs").delay(LATENCY.github).reply(201, checkRun);
    api.patch("/repos/acme/web/check-runs/4242").delay(LATENCY.github).reply(200, { ...checkRun, status: "completed" });
    api.get("/repos/acme/homebrew-tap/contents/Formula%2Fsite.rb").delay(LATENCY.github).reply(200, contents);
    api.put("/repos/acme/homebrew-tap/contents/Formula%2Fsite.rb").delay(LATENCY.github).reply(200, { content: contents, commit: { sha: "c0ffee", html_url: "https://github.com/acme/homebrew-tap/commit/c0ffee" } });
    api.get(/\/repos\/acme\/web\/releases\/assets\/\d+$/).delay(LATENCY.github).reply((uri) => [302, "", { Location: `${DOWNLOADS}/asset/${uri.split("/").pop() ?? ""}` }]);
    nock(DOWNLOADS).persist().get(/\/asset\/\d+$/).reply(200, (uri) => files[Number(uri.split("/").pop()) - 9000]?.[1] ?? Buffer.alloc(0));
    const calls: string[] = [];
    api.on("request", (request: { method?: string; path?: string }) => calls.push(`${request.method ?? "GET"} ${(request.path ?? "").split("?")[0] ?? ""}`));

    const { client, documentClient } = createDynamoClients({ endpoint: env("TEST_DYNAMODB_ENDPOINT"), region: "us-east-1" });
    const tableName = `bench-publish-${suffix}`;
    await ensureTable(client, tableName);
    const stores = createStores(documentClient, tableName);
    const octokit = new (ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } }))({ auth: { token: "ghs_benchtoken" } }) as Octokit;
    const ctx: JobContext = {
      stores,
      blobs: new FolderBlobStore(join(work, "blobs")),
      github: async () => octokit,
      siteBaseUrl: "http://127.0.0.1:9/sites",
      maxAttempts: 3,
      log: pino({ level: "silent" }),
      now: () => new Date(),
      keyRing: async () => ring,
      kinds: JOB_KINDS,
      submit: async () => undefined,
      jobId: "bench-publish",
    };
    const job = { kind: "publish" as const, repository: { installationId: 1, repoId: 1, owner: "acme", repo: "web" }, releaseId: 77, tag: "v1.0.0", actor: "mona" };

    const started = performance.now();
    const outcome = await runPublish(job, ctx);
    const wallMs = performance.now() - started;
    const firstCalls = calls.splice(0);

    const ledger = await stores.publishLedger.list("acme", "web", 77);
    const durations = new Map(ledger.map((entry) => [entry.target, entry.startedAt ? Date.parse(entry.updatedAt) - Date.parse(entry.startedAt) : 0]));
    const graph = { npm: { needs: [] }, pypi: { needs: [] }, mirror: { needs: [] }, homebrew: { needs: ["mirror"] } };
    const critical = criticalPath(graph, (target) => durations.get(target) ?? 0);

    // The same release again (a re-run with nothing left to do).
    await runPublish({ ...job, retry: { checkRunId: 4242, action: "rerequested", completedAt: new Date().toISOString() } }, ctx);
    const againCalls = calls.splice(0);
    client.destroy();

    const writes = (list: string[]) => list.filter((call) => /^(POST|PATCH|PUT|DELETE) /.test(call)).length;
    const line = (label: string, value: string) => process.stdout.write(`${label.padEnd(58)}${value}\n`);
    process.stdout.write(`\nlatency per request: npm ${LATENCY.npm} ms, pypi ${LATENCY.pypi} ms, s3 ${LATENCY.s3} ms, GitHub ${LATENCY.github} ms\n`);
    process.stdout.write(`outcome: ${outcome.state} (${outcome.result})\n\n`);
    for (const entry of ledger) line(`  ${entry.target} (${entry.state})`, `${durations.get(entry.target) ?? 0} ms`);
    line("critical path of the needs graph", `${critical} ms`);
    line("sum of target durations (one at a time)", `${[...durations.values()].reduce((a, b) => a + b, 0)} ms`);
    line("publish wall time (whole job)", `${Math.round(wallMs)} ms`);
    line("job overhead beyond the critical path", `${Math.round(wallMs - critical)} ms`);
    line("GitHub API calls for the release", `${firstCalls.length} (${writes(firstCalls)} writes)`);
    for (const [route, count] of countBy(firstCalls)) line(`  ${route}`, String(count));
    line("GitHub API calls for a re-run with nothing left", `${againCalls.length} (${writes(againCalls)} writes)`);
    line("asset downloads (download host, not the API)", "streamed; not counted above");
  } finally {
    for (const server of servers) server.close();
    nock.cleanAll();
    rmSync(work, { recursive: true, force: true });
    await stopTestServers();
  }
}

function countBy(list: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of list) counts.set(item, (counts.get(item) ?? 0) + 1);
  return counts;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
