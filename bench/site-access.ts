/**
 * `npm run bench:site`: what the access check of a private repository's environment adds to a
 * page view, measured against the local runtime over real HTTP (the local server, dynalite,
 * blobs in a folder), with GitHub played by a loopback stand-in (GHE_HOST) that answers at once:
 * - a public environment's page (no check): the baseline;
 * - a private one's, the repository check cached in the session cookie (under five minutes old);
 * - a private one's whose check is stale, so each view asks GitHub `GET /repos/{owner}/{repo}`.
 * Views of the three kinds alternate; prints medians and p90 of each and what the check adds.
 */
import { generateKeyPairSync } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { Agent, request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildFileKey } from "../src/blobs/blob-store";
import { parseEnv } from "../src/config/env";
import { startLocalRuntime } from "../src/local/start-local";
import { deriveSessionKeys } from "../src/site/access/session-keys";
import { UserSessionSchema } from "../src/site/access/site-session";
import { readSignedValue, signValue } from "../src/site/access/signed-value";
import { startLoopbackGitHub } from "./loopback-github";

const RUNS = Number(process.env.BENCH_RUNS ?? 300);
const WARMUP = 30;
const PAGE = Buffer.from(`<!doctype html><title>Preview</title><h1>${"Preview ".repeat(200)}</h1>`);

function stats(samples: number[]): { median: number; text: string } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { median: at(0.5), text: `median ${at(0.5).toFixed(2)} ms, p90 ${at(0.9).toFixed(2)} ms (n=${samples.length})` };
}

async function main(): Promise<void> {
  const github = await startLoopbackGitHub();
  const dataDir = await mkdtemp(join(tmpdir(), "slipway-bench-site-"));
  const port = await freePort();
  const runtime = await startLocalRuntime(
    parseEnv({
      PORT: String(port),
      APP_ID: "1",
      PRIVATE_KEY: generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString(),
      WEBHOOK_SECRET: "bench",
      SLIPWAY_DATA_DIR: dataDir,
      SITE_BASE_URL: `http://127.0.0.1:${port}/sites`,
      SITE_DOMAIN: `localhost:${port}`,
      GITHUB_CLIENT_ID: "Iv1.bench",
      GITHUB_CLIENT_SECRET: "bench-secret",
      GHE_HOST: github.host,
      GHE_PROTOCOL: "http",
      LOG_LEVEL: "fatal",
    }),
  );
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const get = (url: URL, cookie?: string) =>
    new Promise<{ status: number; location?: string; cookies: string[]; body: string; ms: number }>((resolve, reject) => {
      const start = process.hrtime.bigint();
      const outgoing = httpRequest({ host: "127.0.0.1", port, agent, path: `${url.pathname}${url.search}`, headers: { host: url.host, ...(cookie ? { cookie } : {}) } }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            location: response.headers.location,
            cookies: response.headers["set-cookie"] ?? [],
            body: Buffer.concat(chunks).toString("utf8"),
            ms: Number(process.hrtime.bigint() - start) / 1e6,
          }),
        );
      });
      outgoing.on("error", reject);
      outgoing.end();
    });

  try {
    // Two environments of acme/web serving the same build: one public, one private.
    const { stores } = runtime.storage;
    for (const [name, isPrivate] of [["production", false], ["pr-2", true]] as const) {
      await stores.environments.point({
        installationId: 1, repoId: 1, owner: "acme", repo: "web", name, state: "active", sha: "1".repeat(40), buildKey: "bench-build", spa: false,
        sourceAt: new Date().toISOString(), url: `http://${name}--web--acme.localhost:${port}/`, private: isPrivate, updatedAt: new Date().toISOString(),
      });
    }
    await runtime.storage.blobs.put(buildFileKey("acme", "web", "bench-build", "index.html"), PAGE, "text/html; charset=utf-8");
    const publicPage = new URL(`http://production--web--acme.localhost:${port}/`);
    const privatePage = new URL(`http://pr-2--web--acme.localhost:${port}/`);

    // Sign in once, as a browser would: the sign-in page, the stand-in's OAuth pages, the hand-off.
    const signInPage = await get(new URL(`http://pr-2--web--acme.localhost:${port}/.slipway/sign-in?to=%2F`));
    const nonceCookie = signInPage.cookies[0]?.split(";")[0] ?? "";
    const startUrl = (/class="button" href="([^"]+)"/.exec(signInPage.body)?.[1] ?? "").replace(/&#38;/g, "&");
    const start = await get(new URL(startUrl));
    const state = new URL(start.location ?? "").searchParams.get("state") ?? "";
    const oauthCookie = start.cookies[0]?.split(";")[0] ?? "";
    const callback = await get(new URL(`http://127.0.0.1:${port}/sites/.slipway/callback?code=bench&state=${state}`), oauthCookie);
    const handoff = await get(new URL(callback.location ?? ""), nonceCookie);
    const fresh = handoff.cookies[0]?.split(";")[0] ?? "";
    if (!fresh.startsWith("slipway-session=")) throw new Error(`sign-in failed: ${callback.status} ${callback.body} ${handoff.status} ${handoff.body}`);

    // The same session with its repository check made long ago: every view asks GitHub again.
    const keys = deriveSessionKeys((await readFile(join(dataDir, "session-key"), "utf8")).trim());
    const session = readSignedValue(decodeURIComponent(fresh.slice("slipway-session=".length)), keys.signing, UserSessionSchema);
    if (!session) throw new Error("could not read the session the sign-in set");
    const stale = `slipway-session=${encodeURIComponent(signValue({ ...session, grants: { "acme/web": { ok: true, until: 0 } } }, keys.signing))}`;

    const kinds = {
      "public environment (no check)": () => get(publicPage),
      "private, check cached in the session": () => get(privatePage, fresh),
      "private, check asked of GitHub": () => get(privatePage, stale),
    };
    const samples = Object.fromEntries(Object.keys(kinds).map((name) => [name, [] as number[]]));
    const repositoryChecks = () => github.calls.get("GET /api/v3/repos/acme/web") ?? 0;
    let before = 0;
    for (let run = 0; run < WARMUP + RUNS; run++) {
      if (run === WARMUP) before = repositoryChecks();
      for (const [name, view] of Object.entries(kinds)) {
        const answer = await view();
        if (answer.status !== 200 || answer.body.length !== PAGE.length) throw new Error(`${name}: ${answer.status}`);
        if (run >= WARMUP) samples[name]?.push(answer.ms);
      }
    }
    const checks = repositoryChecks() - before;

    const baseline = stats(samples["public environment (no check)"] ?? []).median;
    console.log(`page view of a ${PAGE.length}-byte page over loopback HTTP, ${RUNS} views of each kind, interleaved:`);
    for (const [name, values] of Object.entries(samples)) {
      const result = stats(values);
      const added = name.startsWith("public") ? "" : `; the access check adds ${(result.median - baseline).toFixed(2)} ms (median)`;
      console.log(`  ${name}: ${result.text}${added}`);
    }
    console.log(`  GitHub repository checks made: ${checks} (one per uncached view, none for cached ones)`);
  } finally {
    agent.destroy();
    await runtime.close();
    await github.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function freePort(): Promise<number> {
  const { createServer } = await import("node:net");
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no free port");
  return address.port;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
