/**
 * `npm run bench`: how fast Slipway is for its users under load, end to end over HTTP. The local
 * runtime (the real Probot and Octokit, with their throttling and retries, in a process of its
 * own as `npm start` runs it) is pointed at a GitHub stand-in on loopback through GHE_HOST and
 * receives signed webhook deliveries from it. Prints, as medians over several runs: one preview,
 * a rollback, a 100-push burst and a pull request opened after it, calls per preview, webhook
 * acknowledgement, and the busiest minute of writes.
 *
 *   npm run bench -- [--runs 5] [--burst-runs 3] [--bound 120] [--latency 0] [--log-level info]
 *                    [--only previews,rollbacks,burst]
 */
import { execFileSync } from "node:child_process";
import { availableParallelism, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { z } from "zod";
import { startGitHubStandIn, type GitHubStandIn } from "./github-stand-in";
import { GITHUB_LIMITS } from "./stand-in/installation-limits";
import { createBenchRepository } from "./throughput/bench-repository";
import { startBenchRuntime } from "./throughput/bench-runtime";
import { checkStandInLimits } from "./throughput/check-stand-in-limits";
import { measureBurst, type BurstFigures } from "./throughput/measure-burst";
import { measurePreviews } from "./throughput/measure-previews";
import { measureRollbacks, ROLLBACK_POLL_MS } from "./throughput/measure-rollbacks";
import { measureReferenceBurst } from "./throughput/reference-burst";
import { medianOf, printBurst, printCalls, printFigure, printWrites } from "./throughput/print-figures";
import { seconds } from "./throughput/stats";

const SCENARIOS = ["previews", "rollbacks", "burst"] as const;

const Options = z.object({
  runs: z.coerce.number().int().min(1).max(50),
  burstRuns: z.coerce.number().int().min(1).max(10),
  bound: z.coerce.number().positive().max(600),
  latency: z.coerce.number().min(0).max(5000),
  logLevel: z.enum(["trace", "debug", "info", "warn", "error", "fatal"]),
  only: z.array(z.enum(SCENARIOS)).min(1),
});
type Options = z.infer<typeof Options>;

/** Past this much time no further burst run starts, so the whole benchmark stays well within ten minutes. */
const TIME_BUDGET_MS = 7 * 60 * 1000;
const OWNER = "acme";

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      runs: { type: "string", default: "5" },
      "burst-runs": { type: "string", default: "3" },
      bound: { type: "string", default: "120" },
      latency: { type: "string", default: "0" },
      "log-level": { type: "string", default: "info" },
      only: { type: "string", default: SCENARIOS.join(",") },
    },
  });
  const parsed = Options.safeParse({ ...values, burstRuns: values["burst-runs"], logLevel: values["log-level"], only: values.only.split(",").filter(Boolean) });
  if (!parsed.success) {
    throw new Error(`Invalid options: ${parsed.error.issues.map((issue) => `--${issue.path.join(".")}: ${issue.message}`).join("; ")}`);
  }
  return parsed.data;
}

function describeCommit(): string {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "unknown";
  }
}

function load(): string {
  return loadavg()
    .map((value) => value.toFixed(1))
    .join(" / ");
}

/** Previews, then rollbacks, on one fresh runtime and installation. */
async function previewsAndRollbacks(github: GitHubStandIn, options: Options, warnings: string[]) {
  const boundMs = options.bound * 1000;
  const runtime = await startBenchRuntime(github, { logLevel: options.logLevel });
  try {
    const repository = createBenchRepository(github.model, { installationId: 101, owner: OWNER, name: "web" });
    // The rollbacks' comments go on a pull request; a preview run opens it when previews are measured.
    const previews = await measurePreviews(github, runtime, repository, { runs: options.only.includes("previews") ? options.runs : 1, boundMs, firstNumber: 101 });
    if (options.only.includes("previews")) {
      printFigure("one preview", medianOf(previews.times, boundMs), "`pull_request.opened` sent → its Deployment `success` received by the stand-in (a new PR each run)");
    }
    if (options.only.includes("rollbacks")) {
      const rollbacks = await measureRollbacks(github, runtime, repository, { runs: options.runs, boundMs, pullNumber: 101 });
      printFigure(
        "/rollback production",
        rollbacks.skipped ?? medianOf(rollbacks.times, boundMs),
        `\`issue_comment\` "/rollback production" sent → the production URL serves the earlier build (fetched every ${ROLLBACK_POLL_MS} ms)`,
      );
    }
    return previews;
  } finally {
    warnings.push(...(await runtime.close(boundMs)));
  }
}

/** Burst runs, each on a fresh runtime and installation, until the runs are done, one does not converge, or time runs short. */
async function bursts(github: GitHubStandIn, options: Options, scenarios: Map<number, string>, warnings: string[], started: number) {
  const boundMs = options.bound * 1000;
  const runs: BurstFigures[] = [];
  const reference: Array<Pick<BurstFigures, "freshAcks" | "acks">> = [];
  const notes: string[] = [];
  const shape = { pullRequests: 10, pushesEach: 10, concurrency: 4 };
  for (let run = 0; run < options.burstRuns; run++) {
    const runStart = performance.now();
    // Just before each of Slipway's runs, so both see the machine as it is then.
    reference.push(await measureReferenceBurst(github, { ...shape, installationId: 301 + run, name: `reference-${run + 1}` }));
    const installationId = 201 + run;
    scenarios.set(installationId, `burst run ${run + 1}`);
    const runtime = await startBenchRuntime(github, { logLevel: options.logLevel });
    let figures: BurstFigures | undefined;
    try {
      const repository = createBenchRepository(github.model, { installationId, owner: OWNER, name: `shop-${run + 1}` });
      const warmUp = createBenchRepository(github.model, { installationId: 251 + run, owner: OWNER, name: `warm-up-${run + 1}` });
      figures = await measureBurst(github, runtime, repository, { ...shape, warmUp, boundMs, settleMs: 20_000 });
      runs.push(figures);
    } finally {
      // A runtime still working through its backlog is ended at once: its work no longer counts.
      warnings.push(...(await runtime.close(figures?.settled ? boundMs : 0)));
    }
    if (run + 1 === options.burstRuns) break;
    if (figures.convergedMs === undefined) {
      notes.push("stopped after a run that did not converge");
      break;
    }
    if (performance.now() - started + (performance.now() - runStart) > TIME_BUDGET_MS) {
      notes.push("stopped to stay within ten minutes");
      break;
    }
  }
  printBurst(runs, reference, boundMs, notes);
}

async function main(): Promise<void> {
  const options = readOptions();
  const started = performance.now();
  const github = await startGitHubStandIn({ latencyMs: options.latency });
  const scenarios = new Map<number, string>();
  const warnings: string[] = [];
  try {
    console.log(`Slipway throughput benchmark, ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, commit ${describeCommit()}, Node ${process.version}, ${availableParallelism()} CPUs, load average ${load()}`);
    console.log(
      `GitHub stand-in on loopback answering after ${options.latency} ms, holding each installation to ${GITHUB_LIMITS.writesPerMinute} writes/min and ${GITHUB_LIMITS.writesPerHour}/h; ` +
        `runtime LOG_LEVEL=${options.logLevel}; ${options.runs} runs of each single operation; bound ${options.bound} s per scenario\n`,
    );
    printFigure("stand-in limit check", await checkStandInLimits(github, GITHUB_LIMITS.writesPerMinute), "a client that does not pace its writes is caught, not flattered");

    let previews;
    if (options.only.includes("previews") || options.only.includes("rollbacks")) {
      scenarios.set(101, "previews and rollbacks");
      previews = await previewsAndRollbacks(github, options, warnings);
    }
    if (options.only.includes("burst")) await bursts(github, options, scenarios, warnings, started);
    if (previews && options.only.includes("previews")) printCalls(previews);
    printWrites(github, scenarios);

    if (github.unknownRoutes.length > 0) console.log(`\nRoutes the stand-in does not know (answered 404): ${[...new Set(github.unknownRoutes)].join(", ")}`);
    if (warnings.length > 0) {
      const distinct = [...new Set(warnings.map((warning) => warning.slice(0, 160)))];
      console.log(`\nThe runtime logged ${warnings.length} warning(s) or error(s), e.g.:\n  ${distinct.slice(0, 5).join("\n  ")}`);
    }
    console.log(`\nTotal time ${seconds(performance.now() - started)}; load average at the end ${load()}`);
  } finally {
    await github.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
