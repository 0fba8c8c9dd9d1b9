/**
 * The publishing process of bench/publish-rss.ts: publishes one release asset to the s3 target
 * as the publish job would (verifyCredentials, prepare, probe, publish, dispose), then prints
 * its own peak RSS as one JSON line. BENCH_TRACE=1 samples memory every second on stderr.
 */
import { S3TargetSchema, s3Target } from "../src/jobs/publish/targets/s3";
import { SlipwayOctokit } from "../src/runtime/github-app";
import { MB, TOKEN } from "./publish-rss-input";
import type { ChildInput, ChildResult } from "./publish-rss-input";

function trace(): void {
  const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
  const mb = (bytes: number) => (bytes / MB).toFixed(0);
  console.error(`rss ${mb(rss)} MB, heap ${mb(heapUsed)}/${mb(heapTotal)} MB, external ${mb(external)} MB`);
}

async function publish(): Promise<void> {
  const input = JSON.parse(process.env.BENCH_CHILD_INPUT ?? "{}") as ChildInput;
  const startRssMb = process.memoryUsage().rss / MB;
  const started = process.hrtime.bigint();
  const octokit = new SlipwayOctokit({ auth: { token: TOKEN }, baseUrl: input.api });
  const ctx = {
    name: "mirror",
    config: S3TargetSchema.parse({
      type: "s3",
      assets: ["*.tar.gz"],
      bucket: input.bucket,
      prefix: "site/{version}/",
      endpoint: input.s3,
      access_key_id: "KEY_ID",
      secret_access_key: "SECRET",
    }),
    release: { owner: "acme", repo: "web", tag: "v1.2.3", version: "1.2.3", prerelease: false, commitSha: "1".repeat(40), assets: [input.asset] },
    secrets: { KEY_ID: "S3RVER", SECRET: "S3RVER" },
    log: () => {},
    github: { release: octokit, repository: () => Promise.reject(new Error("not used")) },
    tempDir: input.tempDir,
  };
  const sampler = process.env.BENCH_TRACE ? setInterval(trace, 1000) : undefined;
  await s3Target.verifyCredentials(ctx);
  const prepared = await s3Target.prepare(ctx);
  let outcome: string;
  try {
    const probe = await s3Target.probe(ctx, prepared);
    outcome = probe.state === "absent" ? `published ${(await s3Target.publish(ctx, prepared)).digest.slice(0, 19)}…` : probe.state;
  } finally {
    await prepared.dispose();
  }
  clearInterval(sampler);
  const result: ChildResult = {
    // resourceUsage().maxRSS is the process's peak resident set, in kilobytes.
    maxRssMb: (process.resourceUsage().maxRSS * 1024) / MB,
    startRssMb,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
    outcome,
  };
  console.log(JSON.stringify(result));
}

publish().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
