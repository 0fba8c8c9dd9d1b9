import type { Octokit } from "./octokit";

export type CommitGateOctokit = {
  paginate: Octokit["paginate"];
  rest: {
    checks: Pick<Octokit["rest"]["checks"], "listForRef">;
    repos: Pick<Octokit["rest"]["repos"], "getCombinedStatusForRef">;
  };
};

export interface CommitGateQuery {
  owner: string;
  repo: string;
  sha: string;
  /** Check runs and statuses to leave out by name, such as Slipway's own `Slipway / …` runs. */
  ignore: (name: string) => boolean;
}

export interface CommitGate {
  /** True when nothing failed and nothing is still running. */
  ok: boolean;
  /** Names with the outcome, e.g. `lint (failure)`. */
  failing: string[];
  /** Names of check runs and statuses not finished yet. */
  pending: string[];
}

/** Conclusions that let a deploy through: a skipped or neutral run reports no problem. */
const PASSING_CONCLUSIONS = new Set(["success", "neutral", "skipped"]);

/**
 * Whether a commit's checks are green, for environments with `require_checks`. Both kinds of
 * CI reporting count: check runs (GitHub Actions and most apps) and commit statuses (older CI
 * services). Only the latest run of each name is read, so a failed run that was re-run
 * successfully does not block. A commit that nothing reports on is ok: a repository without
 * CI must still be deployable.
 *
 * Slipway's own runs are left out through `ignore`, or a deploy would wait for itself.
 */
export async function checkCommitGate(octokit: CommitGateOctokit, query: CommitGateQuery): Promise<CommitGate> {
  const [runs, statuses] = await Promise.all([listCheckRuns(octokit, query), listStatuses(octokit, query)]);
  const failing: string[] = [];
  const pending: string[] = [];

  for (const run of runs) {
    if (query.ignore(run.name)) continue;
    if (run.status !== "completed") pending.push(run.name);
    else if (!PASSING_CONCLUSIONS.has(run.conclusion ?? "")) failing.push(`${run.name} (${run.conclusion ?? "no conclusion"})`);
  }
  for (const status of statuses) {
    if (query.ignore(status.context)) continue;
    if (status.state === "pending") pending.push(status.context);
    else if (status.state !== "success") failing.push(`${status.context} (${status.state})`);
  }
  return { ok: failing.length === 0 && pending.length === 0, failing, pending };
}

function listCheckRuns(octokit: CommitGateOctokit, { owner, repo, sha }: CommitGateQuery) {
  return octokit.paginate(octokit.rest.checks.listForRef, { owner, repo, ref: sha, filter: "latest", per_page: 100 });
}

/**
 * The latest status of each context. The combined status is paged by its `statuses`, but it is
 * an object, which Octokit's paginate does not flatten; missing a page would hide a failure.
 */
async function listStatuses(octokit: CommitGateOctokit, { owner, repo, sha }: CommitGateQuery) {
  const { data: first } = await octokit.rest.repos.getCombinedStatusForRef({ owner, repo, ref: sha, per_page: 100 });
  const statuses = [...first.statuses];
  for (let page = 2; statuses.length < first.total_count; page += 1) {
    const { data } = await octokit.rest.repos.getCombinedStatusForRef({ owner, repo, ref: sha, per_page: 100, page });
    // An empty page means the count changed while reading; stop rather than loop.
    if (data.statuses.length === 0) break;
    statuses.push(...data.statuses);
  }
  return statuses;
}
