import { ensureDeployment } from "../../github/ensure-deployment";
import { setDeploymentStatus } from "../../github/set-deployment-status";
import { logTail, upsertCheckRun, type CheckRunReport } from "../../github/upsert-check-run";
import type { EnvironmentRow } from "../../report/render-comment";
import { updatePullRequestComment } from "../../report/update-pull-request-comment";
import { previewEnvironment } from "../../model/environment-name";
import type { PreviewJob } from "./preview-job";
import type { Octokit } from "../../github/octokit";
import type { JobLog } from "../job-log";
import type { EnvironmentStore } from "../../store/stores";

export const PREVIEW_CHECK = "Slipway / preview";

/** What a report says of the check run; the rest (repository, commit, name, log) is the job's. */
type CheckRunOutcome = CheckRunReport extends infer Report
  ? Report extends CheckRunReport
    ? Omit<Report, "owner" | "repo" | "headSha" | "name" | "text">
    : never
  : never;

/**
 * Reports one preview job on GitHub: the check run, the Deployment and its statuses, and the
 * sticky comment. Every call is an upsert keyed by a stable identity (check name + SHA,
 * environment + SHA, the comment's marker), so a retried job converges on the same objects.
 */
export class PreviewReport {
  private deploymentId: number | undefined;
  private checkRunUrl: string | undefined;

  constructor(
    private readonly octokit: Octokit,
    private readonly environments: Pick<EnvironmentStore, "list">,
    private readonly job: PreviewJob,
    private readonly log: JobLog,
    private readonly now: () => Date,
  ) {}

  private get repo() {
    return { owner: this.job.repository.owner, repo: this.job.repository.repo };
  }

  get environment(): string {
    return previewEnvironment(this.job.pullNumber);
  }

  /** The Deployment of this commit's preview, created once. */
  async deployment(): Promise<number> {
    this.deploymentId ??= (
      await ensureDeployment(this.octokit, {
        ...this.repo,
        ref: this.job.headSha,
        environment: this.environment,
        transient: true,
        production: false,
        description: `Preview of pull request #${this.job.pullNumber}`,
      })
    ).id;
    return this.deploymentId;
  }

  /** Check run, Deployment (queued, then in progress) and comment say the build started. */
  async started(): Promise<void> {
    await this.check({ status: "in_progress", title: "Building the preview", summary: `Building \`${this.job.headSha.slice(0, 7)}\`…` });
    const deploymentId = await this.deployment();
    await setDeploymentStatus(this.octokit, { ...this.repo, deploymentId, state: "queued", description: "Queued" });
    await setDeploymentStatus(this.octokit, {
      ...this.repo,
      deploymentId,
      state: "in_progress",
      logUrl: this.checkRunUrl,
      description: "Building the preview",
    });
    await this.comment({ state: "building" });
  }

  async succeeded(url: string, replacedDeploymentId: number | undefined, summary: string): Promise<void> {
    const deploymentId = await this.deployment();
    if (replacedDeploymentId !== undefined && replacedDeploymentId !== deploymentId) {
      // auto_inactive skips transient environments: retire the replaced preview ourselves.
      await setDeploymentStatus(this.octokit, { ...this.repo, deploymentId: replacedDeploymentId, state: "inactive", description: "Replaced by a newer commit" });
    }
    await setDeploymentStatus(this.octokit, {
      ...this.repo,
      deploymentId,
      state: "success",
      environmentUrl: url,
      logUrl: this.checkRunUrl,
      description: "Preview ready",
    });
    await this.check({ status: "completed", conclusion: "success", title: "Preview ready", summary: `${summary}\n\n**Preview:** ${url}`, detailsUrl: url });
    await this.comment({ state: "ready", url });
  }

  /**
   * Reports a failure everywhere the user looks. `failure`: the commit cannot be previewed
   * (bad archive, missing folder); `error`: Slipway could not finish (retries exhausted).
   */
  async failed(reason: string, state: "failure" | "error"): Promise<void> {
    const title = state === "failure" ? "The preview could not be built" : "Slipway could not finish the preview";
    await this.check({ status: "completed", conclusion: "failure", title, summary: reason });
    const deploymentId = await this.deployment();
    await setDeploymentStatus(this.octokit, { ...this.repo, deploymentId, state, logUrl: this.checkRunUrl, description: reason });
    await this.comment({ state: "failed" }, [`**${title}:** ${reason}`]);
  }

  /** Mark this job's deployment inactive: a newer commit's preview won while it ran. */
  async superseded(): Promise<void> {
    if (this.deploymentId === undefined) return;
    await setDeploymentStatus(this.octokit, { ...this.repo, deploymentId: this.deploymentId, state: "inactive", description: "Superseded by a newer commit" });
    await this.check({ status: "completed", conclusion: "skipped", title: "Superseded", summary: "A newer commit's preview replaced this one." });
  }

  async comment(row: Pick<EnvironmentRow, "state" | "url">, notes: string[] = []): Promise<void> {
    await updatePullRequestComment(
      this.octokit,
      this.environments,
      { ...this.repo, pullNumber: this.job.pullNumber },
      { environment: this.environment, sha: this.job.headSha, updatedAt: this.now(), ...row },
      notes,
    );
  }

  async check(run: CheckRunOutcome): Promise<void> {
    const tail = logTail(this.log.text());
    const result = await upsertCheckRun(this.octokit, {
      ...this.repo,
      headSha: this.job.headSha,
      name: PREVIEW_CHECK,
      ...run,
      text: tail ? `### Log (last lines)\n\n\`\`\`\n${tail}\n\`\`\`` : undefined,
    });
    this.checkRunUrl = result.htmlUrl;
  }
}
