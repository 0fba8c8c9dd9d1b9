/**
 * `npm run measure:bundle [-- --runs N] [-- --entry handlers/<name>.ts]`: bundles each Lambda
 * entry (all four by default) the way serverless-esbuild does for `npm run package`, prints each
 * bundle's size and how long a fresh Node.js process takes to `require` it: the part of a cold
 * start the code controls. Each run is a new process; the time is taken inside it, around the
 * `require` only, so Node's own start-up is not counted. Runs of the entries alternate, so a
 * change in machine load affects all of them alike. Ends with a markdown table for the README.
 */
import { spawnSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdirSync, rmSync, statSync } from "node:fs";
import { basename, extname, join, relative, resolve } from "node:path";
import { build, type BuildOptions, type Metafile } from "esbuild";

const root = resolve(__dirname, "..");

/** Mirrors `custom.esbuild` in serverless.yml (target node22, for the runtime nodejs22.x). */
const BUILD_OPTIONS: BuildOptions = {
  bundle: true,
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  target: "node22",
  platform: "node",
  external: ["@aws-sdk/*"],
};

const ENTRIES = ["handlers/webhook.ts", "handlers/worker.ts", "handlers/sweeper.ts", "handlers/site.ts", "handlers/public-key.ts"];

interface Options {
  entries: string[];
  runs: number;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { entries: ENTRIES, runs: 7 };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === "--entry" && value) options.entries = [value];
    else if (flag === "--runs" && value && Number.isInteger(Number(value)) && Number(value) > 0) options.runs = Number(value);
    else throw new Error(`Unknown or incomplete option ${flag ?? ""} ${value ?? ""}: use --entry <file> and --runs <count>`);
  }
  return options;
}

/**
 * The environment of the deployed function, with loopback endpoints and a throwaway key, so
 * module-scope set-up runs as in Lambda and nothing can leave the machine.
 */
function lambdaLikeEnv(): NodeJS.ProcessEnv {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "measure",
    AWS_SECRET_ACCESS_KEY: "measure",
    LOG_LEVEL: "warn",
    APP_ID: "1",
    WEBHOOK_SECRET: "measure-bundle",
    PRIVATE_KEY: privateKey.export({ type: "pkcs1", format: "pem" }).toString(),
    SLIPWAY_STORE: "dynamodb",
    SLIPWAY_TABLE: "slipway-measure",
    DYNAMODB_ENDPOINT: "http://127.0.0.1:9",
    SLIPWAY_QUEUE: "sqs",
    SLIPWAY_QUEUE_URL: "http://127.0.0.1:9/000000000000/slipway-jobs-measure.fifo",
    SQS_ENDPOINT: "http://127.0.0.1:9",
    SLIPWAY_BLOBS: "s3",
    SLIPWAY_BUCKET: "slipway-measure",
    S3_ENDPOINT: "http://127.0.0.1:9",
    SITE_BASE_URL: "http://127.0.0.1:9/sites",
  };
}

const CHILD = `
const start = process.hrtime.bigint();
require(process.argv[1]);
const ms = Number(process.hrtime.bigint() - start) / 1e6;
process.stdout.write(JSON.stringify({ ms }));
`;

function requireTime(bundle: string, env: NodeJS.ProcessEnv): number {
  const child = spawnSync(process.execPath, ["-e", CHILD, bundle], { env, encoding: "utf8" });
  if (child.status !== 0) {
    throw new Error(`require(${relative(root, bundle)}) failed (exit ${child.status}):\n${child.stderr}`);
  }
  return (JSON.parse(child.stdout) as { ms: number }).ms;
}

interface Measured {
  entry: string;
  bundle: string;
  bytes: number;
  sourceMapBytes: number;
  metafile: Metafile;
  plain: number[];
  withMaps: number[];
}

/** One run of every bundle, plain then with source maps, over and over. */
function measureRequires(measured: Measured[], runs: number, env: NodeJS.ProcessEnv): void {
  for (let run = 0; run < runs; run++) {
    for (const entry of measured) {
      entry.plain.push(requireTime(entry.bundle, env));
      entry.withMaps.push(requireTime(entry.bundle, { ...env, NODE_OPTIONS: "--enable-source-maps" }));
    }
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Bytes of the bundle contributed by each package (or by Slipway's own sources). */
function largestPackages(metafile: Metafile, count: number): [string, number][] {
  const bytes = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
      const name = match?.[1] ?? "(slipway)";
      bytes.set(name, (bytes.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...bytes].sort((a, b) => b[1] - a[1]).slice(0, count);
}

const kib = (bytes: number) => (bytes / 1024).toFixed(1);
const ms = (value: number) => value.toFixed(1);

async function main(): Promise<void> {
  const { entries, runs } = parseArgs(process.argv.slice(2));
  // Inside node_modules, so the external @aws-sdk/* resolve as the Lambda runtime provides them.
  const outdir = join(root, "node_modules", ".cache", "slipway-measure-bundle");
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });

  const measured: Measured[] = [];
  for (const entry of entries) {
    const entryPath = resolve(root, entry);
    const result = await build({ ...BUILD_OPTIONS, entryPoints: [entryPath], outdir, metafile: true, logLevel: "warning" });
    const bundle = join(outdir, `${basename(entryPath, extname(entryPath))}.js`);
    measured.push({ entry, bundle, bytes: statSync(bundle).size, sourceMapBytes: statSync(`${bundle}.map`).size, metafile: result.metafile, plain: [], withMaps: [] });
  }
  measureRequires(measured, runs, lambdaLikeEnv());

  for (const entry of measured) {
    console.log(`\n${entry.entry}: ${kib(entry.bytes)} KiB minified (source map ${kib(entry.sourceMapBytes)} KiB)`);
    console.log("largest parts:");
    for (const [name, bytes] of largestPackages(entry.metafile, 6)) console.log(`  ${kib(bytes).padStart(8)} KiB  ${name}`);
    console.log(`cold require, ${runs} fresh processes: median ${ms(median(entry.plain))} ms (min ${ms(Math.min(...entry.plain))} ms); with --enable-source-maps, as deployed: median ${ms(median(entry.withMaps))} ms`);
  }
  console.log(`\n| function | bundle (minified) | cold require, median of ${runs} | as deployed (source maps) |`);
  console.log("| --- | ---: | ---: | ---: |");
  for (const entry of measured) {
    console.log(`| ${basename(entry.entry, ".ts")} | ${kib(entry.bytes)} KiB | ${ms(median(entry.plain))} ms | ${ms(median(entry.withMaps))} ms |`);
  }
  rmSync(outdir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
