import type { KnownObjects } from "../../github/create-once";
import type { Octokit } from "../../github/octokit";
import { logTail, upsertCheckRun, type CheckRunReport } from "../../github/upsert-check-run";
import { previewEnvironment } from "../../model/environment-name";
import type { RepoRef } from "../../model/repo-ref";
import type { JobLog } from "../../report/job-log";
import type { EnvironmentRow } from "../../report/render-comment";
import type { PullRequestRowSources } from "../../report/pull-request-rows";
import { updatePullRequestComment } from "../../report/update-pull-request-comment";
import type { DeployObserver, WaitingForBuild } from "../deploy-observer";

export const PREVIEW_CHECK = "Slipway / preview";

/** The commit of one pull request whose preview is being reported. */
export interface PreviewCommit {
  repository: RepoRef;
  pullNumber: number;
  headSha: string;
}

/** What a report says of the check run; the rest (repository, commit, name, log) is the preview's. */
type CheckRunOutcome = CheckRunReport extends infer Report
  ? Report extends CheckRunReport
    ? Omit<Report, "owner" | "repo" | "headSha" | "name" | "text">
    : never
  : never;

/**
 * What a preview shows besides its Deployment: the `Slipway / preview` check run (with the log's
 * tail) and the pull request's sticky comment. Every call is an upsert keyed by a stable identity
 * (check name + SHA, the comment's marker), so a retried job converges on the same objects.
 */
export class PreviewObserver implements DeployObserver {
  private checkRunUrl: string | undefined;

  constructor(
    private readonly octokit: Octokit,
    /** The stored environments the comment's other rows come from. */
    private readonly rowSources: PullRequestRowSources,
    private readonly preview: PreviewCommit,
    private readonly log: JobLog,
    private readonly now: () => Date,
    /** The comment and check run Slipway already made, so they are found without listing. */
    private readonly known?: KnownObjects,
  ) {}

  get environment(): string {
    return previewEnvironment(this.preview.pullNumber);
  }

  logUrl(): string | undefined {
    return this.checkRunUrl;
  }

  async building(): Promise<void> {
    await this.check({ status: "in_progress", title: "Building the preview", summary: `Building \`${this.preview.headSha.slice(0, 7)}\`…` });
    await this.comment({ state: "building" });
  }

  async succeeded({ url, build }: { url: string; build: { files: number; reused: boolean } }): Promise<void> {
    const summary = `Built \`${this.preview.headSha.slice(0, 7)}\`: ${build.files} files${build.reused ? " (reused the stored build)" : ""}.`;
    await this.check({ status: "completed", conclusion: "success", title: "Preview ready", summary: `${summary}\n\n**Preview:** ${url}`, detailsUrl: url });
    await this.comment({ state: "ready", url });
  }

  /** The artifact's workflow has not succeeded yet: the check run is queued, the row says what it waits for. */
  async waiting({ workflow, runUrl, reason }: WaitingForBuild): Promise<void> {
    await this.check({ status: "queued", title: `Waiting for ${workflow}`, summary: reason, detailsUrl: runUrl });
    await this.comment({ state: "waiting", workflow, url: runUrl });
  }

  /** The commit cannot be previewed (bad archive, missing folder). */
  async failed(reason: string): Promise<void> {
    await this.report("The preview could not be built", reason);
  }

  /** Slipway could not finish (retries exhausted); the worker marks the Deployment `error`. */
  async gaveUp(reason: string): Promise<void> {
    await this.report("Slipway could not finish the preview", reason);
  }

  async superseded(): Promise<void> {
    await this.check({ status: "completed", conclusion: "skipped", title: "Superseded", summary: "A newer commit's preview replaced this one." });
  }

  /** A gate stopped the preview (previews off, a fork awaiting approval): the comment and check say why. */
  async notBuilt(state: "awaiting approval" | "disabled", note: string): Promise<void> {
    await this.comment({ state }, [note]);
    await this.check({ status: "completed", conclusion: "neutral", title: "Preview not built", summary: note });
  }

  private async report(title: string, reason: string): Promise<void> {
    await this.check({ status: "completed", conclusion: "failure", title, summary: reason });
    await this.comment({ state: "failed" }, [`**${title}:** ${reason}`]);
  }

  private async comment(row: Pick<EnvironmentRow, "state" | "url" | "workflow">, notes: string[] = []): Promise<void> {
    const { owner, repo } = this.preview.repository;
    await updatePullRequestComment(
      this.octokit,
      this.rowSources,
      { owner, repo, pullNumber: this.preview.pullNumber },
      { environment: this.environment, sha: this.preview.headSha, updatedAt: this.now(), ...row },
      notes,
      this.known,
    );
  }

  private async check(run: CheckRunOutcome): Promise<void> {
    const { owner, repo } = this.preview.repository;
    const tail = logTail(this.log.text());
    const result = await upsertCheckRun(this.octokit, {
      owner,
      repo,
      headSha: this.preview.headSha,
      name: PREVIEW_CHECK,
      ...run,
      text: tail ? `### Log (last lines)\n\n\`\`\`\n${tail}\n\`\`\`` : undefined,
    }, this.known);
    this.checkRunUrl = result.htmlUrl;
  }
}
