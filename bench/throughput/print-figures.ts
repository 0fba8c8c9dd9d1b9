import type { GitHubStandIn } from "../github-stand-in";
import { GITHUB_LIMITS } from "../stand-in/installation-limits";
import { callsListing } from "./calls-listing";
import { LIMIT_CHECK_INSTALLATION } from "./check-stand-in-limits";
import { WARM_UP_DELIVERIES, type BurstFigures } from "./measure-burst";
import type { PreviewFigures } from "./measure-previews";
import { busiestWindow, median, millis, percentile, seconds } from "./stats";

const LABEL = 34;

/** One figure: a label, the figure, and on the next line what it measures. */
export function printFigure(label: string, figure: string, what: string): void {
  console.log(`${label.padEnd(LABEL)}${figure}\n${" ".repeat(LABEL)}↳ ${what}`);
}

/** "1.23 s  median of 5 runs [1.10, 1.23, …]", or which runs did not finish within the bound. */
export function medianOf(times: Array<number | undefined>, boundMs: number): string {
  const done = times.filter((time): time is number => time !== undefined);
  const runs = times.map((time) => (time === undefined ? `>${boundMs / 1000}` : (time / 1000).toFixed(2))).join(", ");
  if (done.length === 0) return `did not finish within ${seconds(boundMs)} (${times.length} run${times.length === 1 ? "" : "s"})`;
  const missing = times.length - done.length;
  return `${seconds(median(done))}  median of ${done.length} run${done.length === 1 ? "" : "s"} [${runs} s]${missing ? `; ${missing} did not finish within ${seconds(boundMs)}` : ""}`;
}

export function printBurst(runs: BurstFigures[], reference: Array<Pick<BurstFigures, "freshAcks" | "acks">>, boundMs: number, notes: string[]): void {
  const runsNote = `${runs.length} run${runs.length === 1 ? "" : "s"}${notes.length ? `, ${notes.join(", ")}` : ""}`;
  const stuck = runs.filter((run) => run.convergedMs === undefined).map((run) => `${run.servingNewest}/10`);
  printFigure(
    "100 pushes on 10 PRs, converged",
    medianOf(runs.map((run) => run.convergedMs), boundMs) + (stuck.length ? `; PRs serving their newest commit at the bound: ${stuck.join(", ")}` : ""),
    `last of the 100 \`synchronize\` deliveries acknowledged → every PR's preview URL serves its newest commit (${runsNote})`,
  );
  printFigure(
    "  Deployments created",
    runs.map((run) => `${run.deployments}${run.settled ? "" : " so far (backlog still running when stopped)"}, ${run.intermediateDeployments} of them for overtaken commits`).join(" | "),
    "GitHub Deployments created for the 10 PRs in all, counted once the backlog has finished (up to 20 s after the figures above)",
  );
  const regressed = runs.filter((run) => run.convergedMs !== undefined && run.stillNewestAfter < 10);
  if (regressed.length > 0) {
    printFigure("  WARNING", regressed.map((run) => `${10 - run.stillNewestAfter} PR(s)`).join(", "), "served their newest commit, then an older one once the backlog had run");
  }
  printFigure("PR opened right after the burst", medianOf(runs.map((run) => run.extraMs), boundMs), "its `pull_request.opened` sent → its Deployment `success` received by the stand-in");
  const acks = runs.flatMap((run) => run.acks);
  const failed = runs.reduce((sum, run) => sum + run.failedAcks, 0);
  printFigure(
    "webhook acknowledgement",
    `p50 ${millis(percentile(acks, 50))}, p99 ${millis(percentile(acks, 99))}, max ${millis(Math.max(...acks))}${failed ? `; ${failed} answered other than 200` : ""}`,
    `the burst's ${acks.length} deliveries${runs.length > 1 ? " (runs pooled)" : ""}, up to 4 in flight, to a runtime that has served its first ${WARM_UP_DELIVERIES} deliveries: ` +
      "request sent → answer read, over HTTP, timed on a sender thread of its own (not the stand-in's, which is busy with the runtime's API calls)",
  );
  const yardstick = reference.flatMap((run) => run.acks);
  const fresh = `max ${millis(Math.max(...runs.flatMap((run) => run.freshAcks)))}`;
  printFigure(
    `  first ${WARM_UP_DELIVERIES} of a fresh runtime`,
    reference.length ? `${fresh}; the minimal server's: max ${millis(Math.max(...reference.flatMap((run) => run.freshAcks)))}` : fresh,
    `each run's first ${WARM_UP_DELIVERIES} deliveries (\`opened\` of other pull requests, sent at once just after the runtime started, their previews finished before the burst)`,
  );
  if (yardstick.length === 0) return;
  const ratio = (p: number) => (percentile(acks, p) / percentile(yardstick, p)).toFixed(1);
  printFigure(
    "  a minimal server, same burst",
    `p50 ${millis(percentile(yardstick, 50))}, p99 ${millis(percentile(yardstick, 99))}, max ${millis(Math.max(...yardstick))}; Slipway / it: ${ratio(50)}× at p50, ${ratio(99)}× at p99`,
    "the same warm-up and burst, sent the same way just before each run, to a fresh server that only verifies, records the delivery with one conditional write (same embedded DynamoDB, same SDK) and answers (bench/throughput/reference-webhook.ts)",
  );
}

export function printCalls(previews: PreviewFigures): void {
  const calls = callsListing(previews.firstCalls);
  const later = previews.laterCallCounts.length ? `; later previews, token cached: ${previews.laterCallCounts.join(", ")} requests` : "";
  printFigure("GitHub calls for one preview", calls.summary, `the first preview of a fresh runtime (config present), from the delivery until its last report${later}`);
  for (const listed of calls.lines) console.log(listed);
}

/** The busiest minute of writes of any installation, and every answer that refused a request for a limit. */
export function printWrites(github: GitHubStandIn, scenarios: Map<number, string>): void {
  let busiest = { count: 0, installation: 0 };
  for (const installationId of scenarios.keys()) {
    const times = github.requests.filter((request) => request.installationId === installationId && request.contentCreating).map((request) => request.at);
    const { count } = busiestWindow(times, 60_000);
    if (count > busiest.count) busiest = { count, installation: installationId };
  }
  const counted = github.requests.filter((request) => request.installationId !== undefined && request.installationId !== LIMIT_CHECK_INSTALLATION);
  const secondary = counted.filter((request) => request.limited === "secondary").length;
  const primary = counted.filter((request) => request.limited === "primary").length;
  printFigure(
    "busiest minute of writes",
    `${busiest.count} content-creating requests${busiest.count ? ` (${scenarios.get(busiest.installation) ?? ""})` : ""}; GitHub allows ${GITHUB_LIMITS.writesPerMinute}`,
    "the most POST/PATCH/PUT/DELETE requests the stand-in received from one installation in any 60 s window",
  );
  printFigure("rate-limit answers", `${secondary} secondary-limit 403s, ${primary} primary-quota 403s`, "requests the stand-in refused for going over GitHub's limits (a paced client gets none)");
}
