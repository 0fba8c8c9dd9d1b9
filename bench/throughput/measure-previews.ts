import type { GitHubStandIn, RecordedRequest } from "../github-stand-in";
import type { Repository } from "../stand-in/model";
import { openPullRequest } from "./bench-repository";
import type { BenchRuntime } from "./bench-runtime";
import { pullRequestPayload } from "./payloads";

export interface PreviewFigures {
  /** Per run: `pull_request.opened` sent → Deployment `success` at the stand-in, ms; undefined past the bound. */
  times: Array<number | undefined>;
  /** Every request of the first run's preview, from the delivery until the runtime was idle again. */
  firstCalls: RecordedRequest[];
  /** The number of requests of each later run, for comparison (the token is cached by then). */
  laterCallCounts: number[];
}

/** The requests that belong to one installation's work: its own, its token exchange, its archive downloads. */
export function requestsOf(github: GitHubStandIn, installationId: number, from: number): RecordedRequest[] {
  return github.requests.filter(
    (request) =>
      request.at >= from &&
      (request.installationId === installationId || (request.caller === "app" && request.path === `/app/installations/${installationId}/access_tokens`)),
  );
}

/**
 * One preview at a time, each of a new pull request whose repository has its configuration:
 * from sending `pull_request.opened` to the stand-in receiving its Deployment's `success`. After
 * each, the runtime is drained so the next run starts idle and the preview's trailing calls
 * (check run, comment) are counted with it.
 */
export async function measurePreviews(github: GitHubStandIn, runtime: BenchRuntime, repository: Repository, options: { runs: number; boundMs: number; firstNumber: number }): Promise<PreviewFigures> {
  const figures: PreviewFigures = { times: [], firstCalls: [], laterCallCounts: [] };
  for (let run = 0; run < options.runs; run++) {
    const pull = openPullRequest(github.model, repository, options.firstNumber + run);
    const payload = pullRequestPayload(repository, pull, "opened");
    const start = performance.now();
    await github.deliver("pull_request", payload);
    const success = await github.waitForDeploymentStatus(
      (status) => status.owner === repository.owner && status.repo === repository.name && status.environment === `pr-${pull.number}` && status.sha === pull.headSha && status.state === "success",
      options.boundMs - (performance.now() - start),
    );
    figures.times.push(success === undefined ? undefined : success - start);
    await runtime.child.drain(options.boundMs);
    const calls = requestsOf(github, repository.installationId, start);
    if (run === 0) figures.firstCalls = calls;
    else figures.laterCallCounts.push(calls.length);
  }
  return figures;
}
