import { createOnce, NO_BLIND_RETRY, type KnownObjects } from "./create-once";
import { githubErrorStatus } from "./github-error";
import type { Octokit } from "./octokit";

export { logTail } from "./log-tail";

export type CheckRunOctokit = {
  rest: { checks: Pick<Octokit["rest"]["checks"], "listForRef" | "create" | "update"> };
};

export type CheckRunConclusion =
  | "success"
  | "failure"
  | "neutral"
  | "cancelled"
  | "skipped"
  | "timed_out"
  | "action_required";

/** A conclusion is what GitHub requires of a completed run, and only of one. */
type CheckRunState =
  | { status: "queued" | "in_progress"; conclusion?: undefined }
  | { status: "completed"; conclusion: CheckRunConclusion };

export type CheckRunReport = CheckRunState & {
  owner: string;
  repo: string;
  headSha: string;
  /** The run's identity on the commit, e.g. `Slipway / preview`. */
  name: string;
  title: string;
  /** Markdown. Cut to GitHub's limit, keeping the end. */
  summary: string;
  /** Markdown, usually a log tail. Cut to GitHub's limit, keeping the end. */
  text?: string;
  detailsUrl?: string;
  externalId?: string;
  /** Buttons on the run (at most three), e.g. publish's "Retry failed". */
  actions?: Array<{ label: string; description: string; identifier: string }>;
};

/** GitHub refuses a check run whose output summary or text is longer than this. */
export const CHECK_RUN_OUTPUT_LIMIT = 65535;

/**
 * Creates or updates the check run named `name` on `headSha`, so a job that runs again for
 * the same commit edits its run instead of adding a second one.
 *
 * With `known`, the run is found by the id Slipway recorded when it made it (no listing), and
 * made with `createOnce` (never a blind retry); listing the commit's runs is for recovery only.
 *
 * A completed run is only reused by another completed report: GitHub does not move a
 * completed run back to queued or in progress, so a re-run starts a new run, which then
 * becomes the latest of that name and is the one found next time.
 */
export async function upsertCheckRun(
  octokit: CheckRunOctokit,
  report: CheckRunReport,
  known?: KnownObjects,
): Promise<{ id: number; htmlUrl: string }> {
  const { owner, repo, headSha, name } = report;
  const fields = {
    owner,
    repo,
    name,
    status: report.status,
    ...(report.status === "completed" ? { conclusion: report.conclusion } : {}),
    ...(report.detailsUrl === undefined ? {} : { details_url: report.detailsUrl }),
    ...(report.externalId === undefined ? {} : { external_id: report.externalId }),
    ...(report.actions === undefined ? {} : { actions: report.actions }),
    output: {
      title: report.title,
      summary: capOutput(report.summary),
      ...(report.text === undefined ? {} : { text: capOutput(report.text) }),
    },
  };
  const reusable = (status: string) => status !== "completed" || report.status === "completed";
  const update = async (id: number) => {
    const { data } = await octokit.rest.checks.update({ ...fields, check_run_id: id });
    return { id: data.id, htmlUrl: data.html_url ?? "" };
  };
  const find = async () => {
    const { data: found } = await octokit.rest.checks.listForRef({ owner, repo, ref: headSha, check_name: name, filter: "latest", per_page: 1 });
    return found.check_runs.find((run) => run.name === name && run.head_sha === headSha);
  };

  if (!known) {
    const existing = await find();
    if (existing && reusable(existing.status)) return update(existing.id);
    const { data } = await octokit.rest.checks.create({ ...fields, head_sha: headSha });
    return { id: data.id, htmlUrl: data.html_url ?? "" };
  }

  const key = `check:${name}:${headSha}`;
  const recorded = await known.get(key);
  if (recorded?.state === "created" && recorded.id !== undefined) {
    if (reusable(recorded.status ?? "completed")) {
      try {
        const updated = await update(recorded.id);
        await known.saveCreated(key, { id: updated.id, url: updated.htmlUrl, status: report.status });
        return updated;
      } catch (error) {
        if (githubErrorStatus(error) !== 404) throw error;
      }
    }
    // Deleted, or completed while this report would reopen it: a new run takes its place.
    await known.forget(key);
  }
  let foundStatus: string | undefined;
  const result = await createOnce(known, key, {
    find: async () => {
      const found = await find();
      foundStatus = found?.status;
      return found && reusable(found.status) ? { id: found.id, url: found.html_url ?? "", status: found.status } : undefined;
    },
    create: async () => {
      const { data } = await octokit.rest.checks.create({ ...fields, head_sha: headSha, ...NO_BLIND_RETRY });
      return { id: data.id, url: data.html_url ?? "", status: report.status };
    },
  });
  if (result.created) return { id: result.id, htmlUrl: result.url ?? "" };
  const updated = await update(result.id);
  await known.saveCreated(key, { id: updated.id, url: updated.htmlUrl, status: report.status ?? foundStatus });
  return updated;
}

/**
 * Keeps the end of `markdown` when it is over GitHub's limit: the end of a log is where a
 * build says why it failed. A note at the top says how much was cut.
 */
function capOutput(markdown: string, limit = CHECK_RUN_OUTPUT_LIMIT): string {
  if (markdown.length <= limit) return markdown;
  const note = (cut: number) => `_… ${cut} earlier characters were cut to fit GitHub's limit._\n\n`;
  // The note's length depends on the count it prints; sizing it with the largest count is enough.
  let tail = markdown.slice(markdown.length - (limit - note(markdown.length).length));
  // Never start on the second half of a surrogate pair.
  if (/^[\uDC00-\uDFFF]/.test(tail)) tail = tail.slice(1);
  return note(markdown.length - tail.length) + tail;
}
