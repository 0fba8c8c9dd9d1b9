import type { GitHubStandIn } from "../github-stand-in";
import type { Repository } from "../stand-in/model";
import { addPersonComment, PEOPLE, siteCommit } from "./bench-repository";
import type { BenchRuntime } from "./bench-runtime";
import { issueCommentPayload, pushPayload } from "./payloads";
import { servedCommit, waitUntilServed } from "./site";

export interface RollbackFigures {
  /** Per run: `issue_comment` sent → the production URL serves the earlier build, ms; undefined past the bound. */
  times: Array<number | undefined>;
  /** Why the scenario could not run, when production could not be deployed twice first. */
  skipped?: string;
}

/** Pushes a new commit to `main` and waits until production is deployed from it (or the bound passes). */
async function deployProduction(github: GitHubStandIn, runtime: BenchRuntime, repository: Repository, productionUrl: string, boundMs: number): Promise<string | undefined> {
  const before = repository.branches.get("main") ?? "0".repeat(40);
  const commit = siteCommit(github.model, repository, { branch: "main", message: "Release" });
  await github.deliver("push", pushPayload(repository, "main", commit, before, PEOPLE.maintainer, Date.now()));
  await github.waitForDeploymentStatus((status) => status.repo === repository.name && status.environment === "production" && status.sha === commit.sha && status.state === "success", boundMs);
  await runtime.child.drain(boundMs);
  return (await servedCommit(productionUrl)) === commit.sha ? commit.sha : undefined;
}

/** Time between two fetches of the production URL while a rollback is awaited. */
export const ROLLBACK_POLL_MS = 10;

/**
 * `/rollback production` in a pull request, by a maintainer: from sending `issue_comment` to
 * the production URL serving the build that was live before. Production is first deployed
 * twice by pushes to `main`; each run then rolls back to the other build (a rollback of a
 * rollback goes back again), draining the runtime between runs.
 */
export async function measureRollbacks(github: GitHubStandIn, runtime: BenchRuntime, repository: Repository, options: { runs: number; boundMs: number; pullNumber: number }): Promise<RollbackFigures> {
  const productionUrl = `${runtime.siteBase}/${repository.owner}/${repository.name}/production/`;
  const first = await deployProduction(github, runtime, repository, productionUrl, options.boundMs);
  const second = first && (await deployProduction(github, runtime, repository, productionUrl, options.boundMs));
  if (!first || !second) return { times: [], skipped: `production was not deployed by a push to main within ${options.boundMs / 1000} s` };

  const times: Array<number | undefined> = [];
  for (let run = 0; run < options.runs; run++) {
    const live = await servedCommit(productionUrl);
    const target = live === second ? first : second;
    const comment = addPersonComment(github.model, repository, options.pullNumber, PEOPLE.maintainer, "/rollback production");
    const start = performance.now();
    const delivered = github.deliver("issue_comment", issueCommentPayload(repository, comment));
    const served = await waitUntilServed(productionUrl, target, start + options.boundMs, ROLLBACK_POLL_MS);
    await delivered;
    times.push(served === undefined ? undefined : served - start);
    await runtime.child.drain(options.boundMs);
  }
  return { times };
}
