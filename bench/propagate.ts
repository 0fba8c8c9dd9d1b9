/**
 * `npm run bench:propagate`: a design-system release carried to many consumers, end to end over
 * HTTP. The local runtime (real Probot and Octokit, in a process of its own, with the write
 * budget's defaults: 80 writes a minute, 500 an hour) is pointed at the GitHub stand-in on
 * loopback, which holds the installation to GitHub's secondary limits; a small loopback registry
 * answers the package document the campaign waits for. Prints writes per consumer, the time from
 * the release delivery to the campaign's check run completing, that time against GitHub's own
 * pace for the same writes, and the busiest 60 s of content-creating requests.
 *
 *   npm run bench:propagate -- [--consumers 100] [--bound 900] [--log-level warn]
 */
import { readFileSync } from "node:fs";
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { setTimeout as sleep } from "node:timers/promises";
import type { ReleasePublishedEvent } from "@octokit/webhooks-types";
import { z } from "zod";
import { startGitHubStandIn } from "./github-stand-in";
import { GITHUB_LIMITS } from "./stand-in/installation-limits";
import type { Repository } from "./stand-in/model";
import { startBenchRuntime } from "./throughput/bench-runtime";
import { busiestWindow, median, seconds } from "./throughput/stats";

const Options = z.object({
  consumers: z.coerce.number().int().min(1).max(400),
  bound: z.coerce.number().positive().max(3600),
  logLevel: z.enum(["trace", "debug", "info", "warn", "error", "fatal"]),
});
type Options = z.infer<typeof Options>;

const INSTALLATION = 301;
const PACKAGE = "@acme/design-system";
const VERSION = "2.0.0";

function readOptions(): Options {
  const { values } = parseArgs({
    options: { consumers: { type: "string", default: "100" }, bound: { type: "string", default: "900" }, "log-level": { type: "string", default: "warn" } },
  });
  const parsed = Options.safeParse({ ...values, logLevel: values["log-level"] });
  if (!parsed.success) throw new Error(`Invalid options: ${parsed.error.issues.map((issue) => `--${issue.path.join(".")}: ${issue.message}`).join("; ")}`);
  return parsed.data;
}

/** A registry that has published the release: the campaign's wait for npm ends at once. */
async function startRegistry(): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    if (decodeURIComponent(request.url ?? "") !== `/${PACKAGE}`) {
      response.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: "not found" }));
      return;
    }
    const versions = Object.fromEntries(["1.0.0", VERSION].map((version) => [version, { name: PACKAGE, version, dist: { integrity: "sha512-bench", shasum: "0" } }]));
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ name: PACKAGE, versions, time: {}, "dist-tags": { latest: VERSION } }));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

function releasePayload(source: Repository): ReleasePublishedEvent {
  const payload = JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "webhooks", "release.published.json"), "utf8")) as ReleasePublishedEvent;
  payload.installation = { id: INSTALLATION, node_id: "bench" };
  payload.repository = { ...payload.repository, id: source.id, name: source.name, full_name: `${source.owner}/${source.name}`, owner: { ...payload.repository.owner, login: source.owner } };
  payload.release = { ...payload.release, tag_name: `v${VERSION}`, html_url: `https://github.com/${source.owner}/${source.name}/releases/tag/v${VERSION}`, published_at: new Date().toISOString() };
  return payload;
}

async function main(): Promise<void> {
  const options = readOptions();
  const github = await startGitHubStandIn();
  const registry = await startRegistry();
  const runtime = await startBenchRuntime(github, { logLevel: options.logLevel });
  try {
    const { model } = github;
    const source = model.addRepository({ installationId: INSTALLATION, owner: "acme", name: "design-system" });
    const tag = model.addCommit(source, { ".github/slipway.yml": `propagate:\n  package: "${PACKAGE}"\n  registry: ${registry.url}\n`, "package.json": JSON.stringify({ name: PACKAGE, version: VERSION }) }, { branch: "main" });
    source.branches.set(`v${VERSION}`, tag.sha);
    const consumers: Repository[] = [];
    for (let index = 1; index <= options.consumers; index++) {
      const consumer = model.addRepository({ installationId: INSTALLATION, owner: "acme", name: `app-${String(index).padStart(3, "0")}` });
      model.addCommit(consumer, { "package.json": `${JSON.stringify({ name: consumer.name, dependencies: { [PACKAGE]: "^1.0.0", react: "^18.0.0" } }, null, 2)}\n` }, { branch: "main" });
      consumers.push(consumer);
    }

    console.log(`Slipway propagation benchmark, ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, Node ${process.version}`);
    console.log(`${options.consumers} consumers (no lockfile: this measures GitHub's pacing, not npm), GitHub stand-in answering at once, ${GITHUB_LIMITS.writesPerMinute} writes/min and ${GITHUB_LIMITS.writesPerHour}/h per installation\n`);

    const started = performance.now();
    const acknowledged = await github.deliver("release", releasePayload(source));
    if (acknowledged.status !== 200) throw new Error(`The runtime answered the release delivery with HTTP ${acknowledged.status}.`);
    let finished: number | undefined;
    while (performance.now() - started < options.bound * 1000) {
      const check = source.checkRuns.filter((run) => run.name === "Slipway / propagate").at(-1);
      if (check?.status === "completed") {
        finished = performance.now();
        break;
      }
      await sleep(500);
    }

    const ours = github.requests.filter((request) => request.installationId === INSTALLATION && request.kind === "api");
    const writes = ours.filter((request) => request.contentCreating);
    const perConsumer = consumers.map((consumer) => writes.filter((request) => request.path.startsWith(`/repos/acme/${consumer.name}/`)).length);
    const consumerWrites = writes.filter((request) => !request.path.startsWith("/repos/acme/design-system/"));
    const firstWrite = Math.min(...consumerWrites.map((request) => request.at));
    const lastWrite = Math.max(...consumerWrites.map((request) => request.at));
    const checkWrites = writes.filter((request) => request.path.startsWith("/repos/acme/design-system/")).length;
    const limited = ours.filter((request) => request.limited !== undefined).length;
    const busiest = busiestWindow(writes.map((request) => request.at), 60_000);
    const opened = consumers.filter((consumer) => [...consumer.pulls.values()].some((pull) => pull.headRef === "slipway/acme-design-system" && pull.state === "open")).length;
    // GitHub's own pace for these writes: 80 in any 60 s, so the last of W writes can go no
    // earlier than (ceil(W / 80) - 1) minutes after the first; "W / 80 minutes" is the plain rate.
    const paceMs = (writes.length / GITHUB_LIMITS.writesPerMinute) * 60_000;
    const earliestMs = (Math.ceil(writes.length / GITHUB_LIMITS.writesPerMinute) - 1) * 60_000;

    console.log(`pull requests opened           ${opened} of ${options.consumers}`);
    console.log(`writes per consumer            median ${median(perConsumer)}, max ${Math.max(...perConsumer)} (tree, commit, branch, pull request)`);
    console.log(`check run writes               ${checkWrites} (coalesced per SLIPWAY_CAMPAIGN_REPORT_SECONDS, default 30 s)`);
    console.log(`all writes of the installation ${writes.length}`);
    console.log(`release → check run completed  ${finished === undefined ? `not within ${options.bound} s` : seconds(finished - started)}`);
    console.log(`first → last consumer write    ${seconds(lastWrite - firstWrite)} (${consumerWrites.length} writes; release → first write ${seconds(firstWrite - started)})`);
    console.log(`GitHub's pace for ${writes.length} writes     ${seconds(paceMs)} at ${GITHUB_LIMITS.writesPerMinute}/min${finished === undefined ? "" : ` (measured / pace = ${((finished - started) / paceMs).toFixed(3)})`}; earliest possible under a 60 s window ${seconds(earliestMs)}`);
    console.log(`busiest 60 s of writes         ${busiest.count} content-creating requests (limit ${GITHUB_LIMITS.writesPerMinute})`);
    console.log(`requests refused by the limits ${limited}`);
    if (github.unknownRoutes.length > 0) console.log(`\nRoutes the stand-in does not know (answered 404): ${[...new Set(github.unknownRoutes)].join(", ")}`);
    const warnings = await runtime.close(5_000);
    if (warnings.length > 0) console.log(`\nThe runtime logged ${warnings.length} warning(s) or error(s), e.g.:\n  ${[...new Set(warnings.map((warning) => warning.slice(0, 200)))].slice(0, 5).join("\n  ")}`);
    if (finished === undefined || opened !== options.consumers) process.exitCode = 1;
  } finally {
    registry.server.close();
    await github.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
