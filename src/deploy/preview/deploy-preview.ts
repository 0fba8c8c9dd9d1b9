import type { PreviewConfig } from "../../config/slipway-config";
import { knownObjects } from "../../github/known-objects";
import { isOvertaken } from "../../model/newest-head";
import type { Octokit } from "../../github/octokit";
import { JobLog } from "../../report/job-log";
import type { DeployContext } from "../deploy-context";
import { deployEnvironment, type DeployResult } from "../deploy-environment";
import { PreviewObserver, type PreviewCommit } from "./preview-observer";

const DAY_MS = 24 * 60 * 60 * 1000;

/** A pull request commit to preview, and who asked. */
export interface PreviewRequest extends PreviewCommit {
  /** True when the head repository differs from the base: gated by `preview.forks`. */
  fork: boolean;
  /** A maintainer's `/preview` approved this commit of a fork's pull request. */
  approvedBy?: string;
  /** Who pushed or opened it. */
  actor?: string;
  /** When GitHub last updated the pull request: orders pushes so a stale job never wins. */
  eventAt: string;
  /** The pull request head's sequence when this event was recorded (see `isOvertaken`). */
  sequence?: number;
  /** The workflow run whose artifact to deploy, when its completion queued the preview. */
  workflowRunId?: number;
}

export type PreviewResult = DeployResult | { outcome: "not built"; reason: string };

/**
 * Builds and publishes the preview of one pull request commit:
 * 1. the gates: previews turned off, or a fork awaiting a maintainer's approval (the comment
 *    and the check run say so, nothing else happens);
 * 2. the deploy pipeline to `pr-<n>` — transient, expiring after `ttl_days` without a push —
 *    with the check run and the sticky comment following it.
 */
export async function deployPreview(ctx: DeployContext, octokit: Octokit, request: PreviewRequest, config: PreviewConfig): Promise<PreviewResult> {
  const log = new JobLog(ctx.now);
  const { owner, repo } = request.repository;
  const observer = new PreviewObserver(octokit, ctx.stores, request, log, ctx.now, knownObjects(ctx.stores.githubObjects, owner, repo, ctx.now));
  if (!config.enabled) return { outcome: "not built", reason: "previews are disabled in .github/slipway.yml" };
  if (request.fork && (config.forks === "never" || (config.forks === "approve" && !request.approvedBy))) {
    const note =
      config.forks === "never"
        ? "Previews of pull requests from forks are turned off in this repository (`preview.forks: never`)."
        : "This pull request comes from a fork, so its preview waits for a maintainer's approval: a maintainer can comment `/preview` to build it.";
    await observer.notBuilt(config.forks === "never" ? "disabled" : "awaiting approval", note);
    return { outcome: "not built", reason: `fork preview not built (forks: ${config.forks})` };
  }

  const expiresAt = new Date(ctx.now().getTime() + config.ttl_days * DAY_MS).toISOString();
  return deployEnvironment(
    ctx,
    octokit,
    {
      repository: request.repository,
      environment: observer.environment,
      sha: request.headSha,
      source: config.source,
      spa: config.spa,
      action: "preview",
      actor: request.approvedBy ?? request.actor ?? "slipway",
      trigger: request.approvedBy ? "/preview" : `pull request #${request.pullNumber}`,
      sourceAt: request.eventAt,
      pullNumber: request.pullNumber,
      transient: true,
      expiresAt,
      description: `Preview of pull request #${request.pullNumber}`,
      workflowRunId: request.workflowRunId,
      overtakenBy: async () => {
        const head = await ctx.stores.pullRequests.get(owner, repo, request.pullNumber);
        return head && isOvertaken(head, request) ? head.headSha : undefined;
      },
    },
    { observer, log },
  );
}

/** Reports a preview whose retries are exhausted, so the pull request does not wait for ever. */
export async function reportPreviewGaveUp(ctx: DeployContext & { maxAttempts: number }, octokit: Octokit, preview: PreviewCommit, reason: string): Promise<void> {
  const log = new JobLog(ctx.now);
  log.add(`Gave up after ${ctx.maxAttempts} attempts: ${reason}`);
  const { owner, repo } = preview.repository;
  await new PreviewObserver(octokit, ctx.stores, preview, log, ctx.now, knownObjects(ctx.stores.githubObjects, owner, repo, ctx.now)).gaveUp(
    `${reason} (gave up after ${ctx.maxAttempts} attempts; push again or close and reopen the pull request to retry)`,
  );
}

/** Fails a preview whose source cannot be trusted or used, saying why, with nothing built (a fork's own build workflow). */
export async function reportPreviewRefused(ctx: DeployContext, octokit: Octokit, preview: PreviewCommit, reason: string): Promise<void> {
  const log = new JobLog(ctx.now);
  log.add(reason);
  const { owner, repo } = preview.repository;
  await new PreviewObserver(octokit, ctx.stores, preview, log, ctx.now, knownObjects(ctx.stores.githubObjects, owner, repo, ctx.now)).failed(reason);
}
