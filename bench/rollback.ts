/**
 * `npm run bench`: how long Slipway's own work takes for the operations users wait on, with
 * GitHub answered instantly by nock (no network) so only Slipway's time is measured:
 * - a `/rollback production` command job end to end (pointer move, Deployment statuses, reply);
 * - a `/deploy staging` of a commit whose build is stored;
 * - the webhook path: verify nothing, plan, de-duplicate, record and queue one delivery.
 * State is the embedded DynamoDB-compatible server (dynalite) and blobs a temporary folder.
 * Prints medians, p90 and the GitHub API calls of each operation.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import nock from "nock";
import pino from "pino";
import { pack } from "tar-stream";
import { FolderBlobStore } from "../src/blobs/folder-blob-store";
import { runCommand } from "../src/jobs/command/run-command";
import { deployEnvironment } from "../src/deploy/deploy-environment";
import type { CommandJob } from "../src/jobs/command/command-job";
import { JOB_KINDS } from "../src/job-kinds";
import type { JobContext } from "../src/jobs/job-context";
import type { Octokit } from "../src/github/octokit";
import { loadKeyRing } from "../src/secrets/load-key-ring";
import { SlipwayOctokit } from "../src/runtime/github-app";
import { createStores } from "../src/store/dynamo/create-stores";
import { createDynamoClients } from "../src/store/dynamo/dynamo-clients";
import { startEmbeddedDynamo } from "../src/store/dynamo/embedded-dynamo";
import { ensureTable } from "../src/store/dynamo/table";
import { acceptDelivery } from "../src/webhook/accept-delivery";
import { planPullRequest } from "../src/webhook/plan-pull-request";
import pullRequestOpened from "../fixtures/webhooks/pull_request.opened.json";
import { mockGitHub } from "./mock-github";

const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const OWNER = "acme";
const REPO = "web";
const SHAS = ["1".repeat(40), "2".repeat(40)] as const;

/** Octokit as in production, but with GitHub's one-second spacing of writes and retries off. */
const BenchOctokit = SlipwayOctokit.defaults((options: Record<string, unknown>) => ({ ...options, retry: { enabled: false }, throttle: { enabled: false } }));

function stats(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return `median ${at(0.5).toFixed(1)} ms, p90 ${at(0.9).toFixed(1)} ms, min ${at(0).toFixed(1)} ms (n=${samples.length})`;
}

/**
 * GitHub calls per run as whole numbers: one figure when every run made the same calls, else
 * the range and the median (a run that found something cached makes fewer).
 */
function calls(perRun: number[]): string {
  const sorted = [...perRun].sort((a, b) => a - b);
  const [min, max] = [sorted[0] ?? 0, sorted[sorted.length - 1] ?? 0];
  if (min === max) return `${min} GitHub API calls each`;
  return `${min} to ${max} GitHub API calls (median ${sorted[Math.floor(sorted.length / 2)]})`;
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function tarball(sha: string): Promise<Buffer> {
  const packer = pack();
  const chunks: Buffer[] = [];
  const done = (async () => {
    for await (const chunk of packer) chunks.push(chunk as Buffer);
  })();
  packer.entry({ name: `${OWNER}-${REPO}-${sha.slice(0, 7)}/public/index.html` }, `<h1>${sha.slice(0, 7)}</h1>`);
  packer.finalize();
  await done;
  return gzipSync(Buffer.concat(chunks));
}

async function main(): Promise<void> {
  nock.disableNetConnect();
  nock.enableNetConnect(/^127\.0\.0\.1/);
  const dataDir = await mkdtemp(join(tmpdir(), "slipway-bench-"));
  const dynamo = await startEmbeddedDynamo({ dataDir });
  const clients = createDynamoClients({ endpoint: dynamo.endpoint, region: "us-east-1" });
  await ensureTable(clients.client, "slipway-bench");
  const stores = createStores(clients.documentClient, "slipway-bench");
  const ctx: JobContext = {
    stores,
    blobs: new FolderBlobStore(join(dataDir, "blobs")),
    github: async () => new BenchOctokit({ auth: { token: "ghs_bench" } }) as Octokit,
    siteBaseUrl: "http://127.0.0.1:3000/sites",
    maxAttempts: 5,
    log: pino({ level: "silent" }),
    now: () => new Date(),
    jobId: "bench-rollback",
    kinds: JOB_KINDS,
    submit: async () => undefined,
    keyRing: () => loadKeyRing({ SLIPWAY_DATA_DIR: dataDir }, { localKeyFile: true }),
  };
  const github = mockGitHub({ owner: OWNER, repo: REPO, archives: Object.fromEntries(await Promise.all(SHAS.map(async (sha) => [sha, await tarball(sha)]))) });
  const repository = { installationId: 1, repoId: 99, owner: OWNER, repo: REPO };
  const octokit = await ctx.github(1);

  // Two deploys of production, so each rollback has an earlier build to go back to.
  for (const [index, sha] of SHAS.entries()) {
    await deployEnvironment({ ...ctx, jobId: `seed-${index}` }, octokit, {
      repository, environment: "production", sha, source: { dir: "public" }, spa: false, action: "deploy",
      actor: "octocat", trigger: "push to main", sourceAt: new Date(Date.now() - 60_000 + index).toISOString(),
    });
  }

  let commentId = 1000;
  const command = (text: string, command: CommandJob["command"]): CommandJob => ({
    kind: "command", repository, pullNumber: 12, commentId: ++commentId, commentUrl: `https://github.com/${OWNER}/${REPO}/pull/12#issuecomment-${commentId}`,
    actor: "octocat", command, eventAt: new Date().toISOString(),
  });

  // When, within the job, the environment's pointer moved: from then on the site serves the
  // earlier build, whatever GitHub reporting is still to come.
  let jobStart = 0n;
  let pointMovedAt: number | undefined;
  const point = stores.environments.point.bind(stores.environments);
  stores.environments.point = async (record) => {
    const result = await point(record);
    pointMovedAt ??= Number(process.hrtime.bigint() - jobStart) / 1e6;
    return result;
  };
  const rollbackTimes: number[] = [];
  const servingTimes: number[] = [];
  const rollbackCalls: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    pointMovedAt = undefined;
    github.calls.length = 0;
    jobStart = process.hrtime.bigint();
    rollbackTimes.push(await timed(() => runCommand(command("/rollback production", { name: "rollback", environment: "production" }), ctx)));
    rollbackCalls.push(github.calls.length);
    if (pointMovedAt !== undefined) servingTimes.push(pointMovedAt);
  }

  const deployTimes: number[] = [];
  const deployCalls: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    github.calls.length = 0;
    deployTimes.push(await timed(() => runCommand(command("/deploy staging", { name: "deploy", environment: "staging" }), ctx)));
    deployCalls.push(github.calls.length);
  }

  const webhookTimes: number[] = [];
  const queue = { send: async () => undefined };
  for (let run = 0; run < RUNS; run++) {
    const payload = structuredClone(pullRequestOpened) as unknown as Parameters<typeof planPullRequest>[0];
    payload.pull_request.number = 1000 + run;
    webhookTimes.push(await timed(() => acceptDelivery({ ...stores, queue, kinds: JOB_KINDS }, { id: `bench-${run}`, event: "pull_request" }, planPullRequest(payload), new Date())));
  }

  console.log(`/rollback production (command job, GitHub instant): ${stats(rollbackTimes)}; ${calls(rollbackCalls)}`);
  console.log(`/rollback production, job start to pointer moved (site serves the earlier build): ${stats(servingTimes)}`);
  console.log(`/deploy staging, stored build (command job, GitHub instant): ${stats(deployTimes)}; ${calls(deployCalls)}`);
  console.log(`webhook path, pull_request.opened (intake recorded + queued): ${stats(webhookTimes)}`);

  clients.client.destroy();
  await dynamo.close();
  await rm(dataDir, { recursive: true, force: true });
  nock.restore();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
