/**
 * `npm run bench:artifact`: a build produced from a GitHub Actions artifact through the artifact
 * provider, as a `workflow_run` deploy does — read the run, list its artifacts, follow the
 * download's redirect, save the zip to a temporary file, unpack it and store every file (eight
 * uploads at once, as the deploy pipeline does) in a folder blob store.
 *
 * GitHub and the artifact's download host are one loopback HTTP server (a real socket, not an
 * interceptor); the download host refuses any request carrying a token. The artifact is
 * generated once: a built site of many files of varied sizes (pages, scripts, source maps,
 * styles, images and fonts), deflated as actions/upload-artifact does, about BENCH_ARTIFACT_MB
 * (default 20) MB of zip. Each run is a fresh process, so its peak RSS is its own; prints the
 * median, min and max over BENCH_RUNS (default 5) runs.
 *
 * `npm run bench:artifact -- --delivery` measures the same artifact end to end instead: the local
 * runtime (its own process) against the GitHub stand-in, from a `workflow_run.completed`
 * delivery to the waiting preview's Deployment `success`, and the runtime's peak RSS.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildFileKey } from "../src/blobs/blob-store";
import { FolderBlobStore } from "../src/blobs/folder-blob-store";
import { buildKeyOf } from "../src/deploy/ensure-build";
import type { Octokit } from "../src/github/octokit";
import { artifactProvider } from "../src/providers/artifact/artifact-provider";
import type { ArtifactSource } from "../src/providers/build-provider";
import { contentTypeFor } from "../src/providers/content-type";
import { SlipwayOctokit } from "../src/runtime/github-app";
import { taskPool } from "../src/util/task-pool";
import workflowRun from "../fixtures/github/workflow-run.json";
import artifactList from "../fixtures/github/workflow-run-artifacts.json";
import { measureDelivery } from "./artifact/measure-delivery";
import { siteFiles, writeZip } from "./artifact/site-zip";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TARGET_MB = Number(process.env.BENCH_ARTIFACT_MB ?? 20);
const OWNER = "acme";
const REPO = "web";
const RUN_ID = workflowRun.id;
const SHA = workflowRun.head_sha;
const ARTIFACT_ID = 1893316710;
const SOURCE: ArtifactSource = { artifact: { workflow: "build.yml", name: "site" } };
const MiB = 1024 * 1024;

/** Octokit as in production, against the loopback stand-in, without GitHub's write spacing or retries. */
const BenchOctokit = SlipwayOctokit.defaults((options: Record<string, unknown>) => ({ ...options, retry: { enabled: false }, throttle: { enabled: false } }));

interface Sample {
  ms: number;
  peakRssMiB: number;
  baselineRssMiB: number;
  files: number;
  bytes: number;
}

/** GitHub's REST routes the provider calls, and the download host behind the artifact's redirect. */
async function startStandIn(zipFile: string, digest: string, size: number): Promise<{ url: string; close(): Promise<void> }> {
  const [site] = artifactList.artifacts;
  const server = createServer((request, response) => {
    const path = (request.url ?? "").split("?")[0];
    const json = (body: unknown) => response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
    if (path === `/repos/${OWNER}/${REPO}/actions/runs/${RUN_ID}`) return json(workflowRun);
    if (path === `/repos/${OWNER}/${REPO}/actions/runs/${RUN_ID}/artifacts`) {
      return json({ total_count: 1, artifacts: [{ ...site, id: ARTIFACT_ID, size_in_bytes: size, digest }] });
    }
    if (path === `/repos/${OWNER}/${REPO}/actions/artifacts/${ARTIFACT_ID}/zip`) {
      const { port } = server.address() as AddressInfo;
      return response.writeHead(302, { location: `http://127.0.0.1:${port}/blob/site.zip?sig=bench-signature&se=soon` }).end();
    }
    if (path === "/blob/site.zip") {
      if (request.headers.authorization) return response.writeHead(403).end("the download host must never see the token");
      response.writeHead(200, { "content-type": "application/zip", "content-length": String(size) });
      return void createReadStream(zipFile).pipe(response);
    }
    response.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ message: "Not Found" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * This process's own peak resident memory. Linux keeps `ru_maxrss` (`process.resourceUsage()`)
 * across fork and exec, so a child would report the parent's peak if that was higher; the memory
 * map's high-water mark (`VmHWM`) starts afresh at exec.
 */
async function peakRss(): Promise<number> {
  const status = await readFile("/proc/self/status", "utf8").catch(() => "");
  const kib = /^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1];
  return kib === undefined ? process.resourceUsage().maxRSS * 1024 : Number(kib) * 1024;
}

/** One run, in this (fresh) process: produce the build and report time and peak RSS. */
async function child(baseUrl: string, blobDir: string): Promise<void> {
  const octokit = new BenchOctokit({ auth: { token: "ghs_bench" }, baseUrl }) as Octokit;
  const blobs = new FolderBlobStore(blobDir);
  const buildKey = buildKeyOf({ sha: SHA, source: SOURCE });
  const baselineRssMiB = process.memoryUsage.rss() / MiB;
  const uploads = taskPool(8);
  const start = process.hrtime.bigint();
  const produced = await artifactProvider.produce({ octokit, log: () => undefined }, { owner: OWNER, repo: REPO, sha: SHA, source: SOURCE, workflowRunId: RUN_ID }, (path, body) =>
    uploads.add(() => blobs.put(buildFileKey(OWNER, REPO, buildKey, path), body, contentTypeFor(path))),
  );
  await uploads.drain();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const sample: Sample = { ms, peakRssMiB: (await peakRss()) / MiB, baselineRssMiB, ...produced };
  process.stdout.write(`${JSON.stringify(sample)}\n`);
}

function runChild(baseUrl: string, blobDir: string): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [...process.execArgv, __filename, "--child", baseUrl, blobDir], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    proc.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    proc.on("error", reject);
    proc.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out) as Sample) : reject(new Error(`run exited with ${code}`))));
  });
}

function summary(values: number[], unit: string, digits = 0): string {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? NaN;
  return `median ${median.toFixed(digits)} ${unit} (min ${sorted[0]?.toFixed(digits)}, max ${sorted.at(-1)?.toFixed(digits)})`;
}

async function main(): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), "slipway-bench-artifact-"));
  try {
    const zipFile = join(folder, "site.zip");
    const files = siteFiles(TARGET_MB * 1000 * 1000);
    const unpacked = files.reduce((sum, file) => sum + file.body.length, 0);
    await writeZip(zipFile, files);
    const { size } = await stat(zipFile);
    const digest = `sha256:${createHash("sha256").update(await readFile(zipFile)).digest("hex")}`;
    console.log(`artifact: ${(size / MiB).toFixed(1)} MiB zip, ${files.length} files, ${(unpacked / MiB).toFixed(1)} MiB unpacked (largest file ${(Math.max(...files.map((file) => file.body.length)) / MiB).toFixed(1)} MiB)`);

    if (process.argv.includes("--delivery")) {
      const deliveries = await measureDelivery(await readFile(zipFile), RUNS);
      console.log(`workflow_run delivery → preview success, on the local runtime (${RUNS} runs, a fresh runtime each):`);
      console.log(`  time:                   ${summary(deliveries.map((sample) => sample.ms), "ms")}`);
      console.log(`  runtime peak RSS:       ${summary(deliveries.map((sample) => sample.peakRssMiB), "MiB", 1)}`);
      console.log(`  RSS before the delivery: ${summary(deliveries.map((sample) => sample.beforeRssMiB), "MiB", 1)}`);
      return;
    }
    const standIn = await startStandIn(zipFile, digest, size);
    const samples: Sample[] = [];
    try {
      for (let run = 0; run < RUNS; run++) {
        const blobDir = join(folder, `blobs-${run}`);
        const sample = await runChild(standIn.url, blobDir);
        if (sample.files !== files.length) throw new Error(`run ${run} stored ${sample.files} files, expected ${files.length}`);
        samples.push(sample);
        await rm(blobDir, { recursive: true, force: true });
      }
    } finally {
      await standIn.close();
    }
    console.log(`workflow run → build stored (${RUNS} runs, a fresh process each):`);
    console.log(`  time:               ${summary(samples.map((sample) => sample.ms), "ms")}`);
    console.log(`  peak RSS:           ${summary(samples.map((sample) => sample.peakRssMiB), "MiB", 1)}`);
    console.log(`  RSS before the run: ${summary(samples.map((sample) => sample.baselineRssMiB), "MiB", 1)}`);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

const [flag, baseUrl, blobDir] = process.argv.slice(2);
// `--delivery` is for main(); only a child is started with `--child`.
(flag === "--child" && baseUrl && blobDir ? child(baseUrl, blobDir) : main()).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
