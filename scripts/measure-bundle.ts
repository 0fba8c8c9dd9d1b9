/**
 * `npm run measure:bundle [-- --runs N] [-- --entry handlers/<name>.ts]`: bundles a Lambda entry
 * (the webhook's by default) the way serverless-esbuild does for `npm run package`, prints the
 * bundle's size and how long a fresh Node.js process takes to `require` it: the part of a cold
 * start the code controls. Each run is a new process; the time is taken inside it, around the
 * `require` only, so Node's own start-up is not counted.
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

interface Options {
  entry: string;
  runs: number;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { entry: "handlers/webhook.ts", runs: 7 };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === "--entry" && value) options.entry = value;
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

/** Alternates the two variants run by run, so a change in machine load affects both alike. */
function requireTimes(bundle: string, runs: number, env: NodeJS.ProcessEnv): { plain: number[]; withMaps: number[] } {
  const plain: number[] = [];
  const withMaps: number[] = [];
  for (let run = 0; run < runs; run++) {
    plain.push(requireTime(bundle, env));
    withMaps.push(requireTime(bundle, { ...env, NODE_OPTIONS: "--enable-source-maps" }));
  }
  return { plain, withMaps };
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
  const { entry, runs } = parseArgs(process.argv.slice(2));
  const entryPath = resolve(root, entry);
  // Inside node_modules, so the external @aws-sdk/* resolve as the Lambda runtime provides them.
  const outdir = join(root, "node_modules", ".cache", "slipway-measure-bundle");
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });

  const result = await build({ ...BUILD_OPTIONS, entryPoints: [entryPath], outdir, metafile: true, logLevel: "warning" });
  const bundle = join(outdir, `${basename(entryPath, extname(entryPath))}.js`);
  const size = statSync(bundle).size;
  const mapSize = statSync(`${bundle}.map`).size;

  const { plain, withMaps } = requireTimes(bundle, runs, lambdaLikeEnv());

  console.log(`${entry}: ${kib(size)} KiB minified (source map ${kib(mapSize)} KiB)`);
  console.log("largest parts:");
  for (const [name, bytes] of largestPackages(result.metafile, 8)) console.log(`  ${kib(bytes).padStart(8)} KiB  ${name}`);
  console.log(`cold require, ${runs} fresh processes:`);
  console.log(`  median ${ms(median(plain))} ms, min ${ms(Math.min(...plain))} ms`);
  console.log(`  with --enable-source-maps (as deployed): median ${ms(median(withMaps))} ms, min ${ms(Math.min(...withMaps))} ms`);
  console.log(
    JSON.stringify({
      entry,
      bytes: size,
      sourceMapBytes: mapSize,
      runs,
      requireMs: { median: median(plain), min: Math.min(...plain) },
      requireMsWithSourceMaps: { median: median(withMaps), min: Math.min(...withMaps) },
    }),
  );
  rmSync(outdir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
