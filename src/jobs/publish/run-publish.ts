import { recordAudit } from "../../audit/record-audit";
import { loadRepoConfig } from "../../config/load-repo-config";
import type { PublishConfig } from "../../config/publish-config";
import { getRelease } from "../../github/get-release";
import { knownObjects } from "../../github/known-objects";
import { SUCCEEDED_STATES } from "../../model/publish-ledger";
import { reportConfigProblems } from "../../report/report-config-problems";
import type { JobContext, JobOutcome } from "../job-context";
import type { PublishJob } from "./publish-job";
import { publishCheckReporter } from "./publish-check-reporter";
import { publishSecrets } from "./publish-secrets";
import { publishTarget } from "./publish-target";
import { runGraph } from "./run-graph";
import { bindTarget } from "./targets/bind-target";
import type { ReleaseInfo } from "./targets/common/target";
import { releaseVersion } from "./targets/release-version";
import { SUCCEEDED_OUTCOMES, type TargetReport } from "./target-report";
import { verifyAllCredentials } from "./verify-all-credentials";
import { sleep as realSleep, type Sleep } from "./with-back-off";

/**
 * Publishes a release to every target of `publish:` that has not succeeded for it yet:
 * 1. the release is read afresh, and the configuration at its tag (problems go to `Slipway / config`);
 * 2. the secrets the targets name are opened for this repository;
 * 3. the ledger says which targets succeeded before: those are left alone;
 * 4. every remaining target's credentials are checked; if one fails, nothing is published;
 * 5. the targets run in `needs` order, `concurrency` at once, each settled in the ledger;
 * 6. every outcome goes to the audit trail and the `Slipway / publish` check run.
 */
export async function runPublish(job: PublishJob, ctx: JobContext, options: { sleep?: Sleep } = {}): Promise<JobOutcome> {
  const { owner, repo } = job.repository;
  const octokit = await ctx.github(job.repository.installationId);
  // The release event names the tag: a repository that publishes nothing costs one read.
  const atEventTag = job.tag === undefined ? undefined : await loadRepoConfig(octokit, { owner, repo, ref: job.tag });
  if (atEventTag?.ok && !hasTargets(atEventTag.config.publish)) return { state: "succeeded", result: `no publish targets at ${job.tag}` };

  const { release, commitSha } = await getRelease(octokit, { owner, repo, releaseId: job.releaseId });
  if (release.draft) return { state: "succeeded", result: `release ${release.tag_name} is a draft again; nothing published` };

  const known = knownObjects(ctx.stores.githubObjects, owner, repo, ctx.now);
  const loaded = atEventTag && release.tag_name === job.tag ? atEventTag : await loadRepoConfig(octokit, { owner, repo, ref: release.tag_name });
  if (!loaded.ok) {
    await reportConfigProblems(octokit, { owner, repo, headSha: commitSha }, loaded.problems, known);
    return { state: "failed", result: `invalid .github/slipway.yml at ${release.tag_name}` };
  }
  const publish = loaded.config.publish;
  if (!hasTargets(publish)) return { state: "succeeded", result: `no publish targets at ${release.tag_name}` };
  const opened = publishSecrets(loaded.config, publish, { owner, repo }, await ctx.keyRing());
  if (!opened.ok) {
    await reportConfigProblems(octokit, { owner, repo, headSha: commitSha }, opened.problems, known);
    return { state: "failed", result: `the secrets of .github/slipway.yml at ${release.tag_name} cannot be used` };
  }

  const version = releaseVersion(release.tag_name);
  const info: ReleaseInfo = { owner, repo, tag: release.tag_name, version, prerelease: release.prerelease, commitSha, assets: release.assets };
  const targetCtx = { release: info, secrets: opened.secrets, github: { release: octokit, repository: sameAccount(octokit, owner) } };
  const ledger = await ctx.stores.publishLedger.list(owner, repo, release.id);
  const done = new Set(ledger.filter((entry) => SUCCEEDED_STATES.includes(entry.state)).map((entry) => entry.target));
  const reports = new Map<string, TargetReport>(
    Object.entries(publish.targets).map(([name, config]) => {
      const entry = ledger.find((found) => found.target === name);
      const earlier = entry && done.has(name) ? { outcome: "earlier" as const, at: entry.updatedAt, detail: entry.detail ?? entry.state, ...(entry.digest && { digest: entry.digest }), ...(entry.link && { link: entry.link }) } : { outcome: "waiting" as const };
      return [name, { name, type: config.type, version, log: [], ...earlier }];
    }),
  );
  const all = () => [...reports.values()];
  const update = (name: string, change: Partial<TargetReport> & Pick<TargetReport, "outcome">): TargetReport => {
    const changed: TargetReport = { name, type: publish.targets[name]?.type ?? "", version, log: [], ...reports.get(name), ...change };
    reports.set(name, changed);
    return changed;
  };
  const reporter = publishCheckReporter(octokit, known, { owner, repo, commitSha, releaseId: release.id, tag: release.tag_name, actor: job.actor }, { now: ctx.now, log: ctx.log });
  const audit = auditor(ctx, job, info);

  const toRun = Object.entries(publish.targets).filter(([name]) => !done.has(name)).map(([name, config]) => bindTarget(name, config));
  if (toRun.length === 0) {
    await reporter.finish(all());
    return { state: "succeeded", result: `every target of ${release.tag_name} was already published` };
  }
  await reporter.start(all());

  const refused = await verifyAllCredentials(toRun, targetCtx);
  if (refused.length > 0) {
    for (const target of toRun) update(target.name, { outcome: "not-run", detail: "nothing was published because a credential check failed" });
    for (const failure of refused) {
      const at = ctx.now().toISOString();
      const report = update(failure.name, { outcome: "failed", at, detail: failure.detail, log: failure.log });
      const previous = ledger.find((entry) => entry.target === failure.name);
      await ctx.stores.publishLedger.settle({ owner, repo, releaseId: release.id, target: failure.name, version, state: "failed", attempts: previous?.attempts ?? 0, detail: failure.detail, updatedAt: at });
      await audit(report);
    }
    await reporter.finish(all(), `**Nothing was published**: the credentials of ${refused.map((failure) => failure.name).join(", ")} were refused. Fix what the details say (for a token: seal a valid one with \`npm run seal\` and update \`secrets:\`), then press **Retry failed**.`);
    return { state: "failed", result: `credentials refused: ${refused.map((failure) => failure.name).join(", ")}` };
  }

  const byName = new Map(toRun.map((target) => [target.name, target]));
  const graph = await runGraph(publish.targets, {
    concurrency: publish.concurrency,
    done,
    run: async (name) => {
      const target = byName.get(name);
      if (!target) return false;
      const report = await publishTarget(target, targetCtx, {
        ledger: ctx.stores.publishLedger,
        release: { owner, repo, releaseId: release.id, version },
        retries: publish.retries,
        sleep: options.sleep ?? realSleep,
        now: ctx.now,
        onProgress: (progress) => {
          reports.set(name, progress);
          reporter.progress(all());
        },
      });
      reports.set(name, report);
      reporter.progress(all());
      if (report.outcome !== "earlier" && report.outcome !== "busy") await audit(report);
      return SUCCEEDED_OUTCOMES.includes(report.outcome);
    },
  });
  for (const [name, need] of graph.blocked) {
    const at = ctx.now().toISOString();
    const detail = `not run: it needs ${need}, which did not succeed`;
    const report = update(name, { outcome: "blocked", at, detail });
    const previous = ledger.find((entry) => entry.target === name);
    await ctx.stores.publishLedger.settle({ owner, repo, releaseId: release.id, target: name, version, state: "blocked", attempts: previous?.attempts ?? 0, detail, updatedAt: at });
    await audit(report);
  }
  await reporter.finish(all());
  const failed = all().filter((report) => !SUCCEEDED_OUTCOMES.includes(report.outcome));
  const summary = all().map((report) => `${report.name}: ${report.outcome}`).join("; ");
  return { state: failed.length === 0 ? "succeeded" : "failed", result: summary };
}

/**
 * Another repository's client for a target (a Homebrew tap): the releasing installation's own,
 * which reaches the repositories of the same account it is installed on. A repository of
 * another account would need that account's installation, so it is refused saying so.
 */
function sameAccount(octokit: Awaited<ReturnType<JobContext["github"]>>, owner: string) {
  return async (tapOwner: string, tapRepo: string) => {
    if (tapOwner.toLowerCase() !== owner.toLowerCase()) {
      throw new Error(`${tapOwner}/${tapRepo} belongs to another account than ${owner}, and Slipway publishes only to repositories of the releasing repository's account; move the tap to ${owner}`);
    }
    return octokit;
  };
}

/** One audit entry per target outcome: who released, what, where, with which digest. */
function auditor(ctx: JobContext, job: PublishJob, release: ReleaseInfo) {
  const trigger = job.retry ? `retry of release ${release.tag} by @${job.actor}` : `release ${release.tag} published`;
  return (report: TargetReport) =>
    recordAudit(ctx, {
      owner: release.owner,
      repo: release.repo,
      action: "publish",
      actor: job.actor,
      trigger,
      sha: release.commitSha,
      result: SUCCEEDED_OUTCOMES.includes(report.outcome) ? "success" : "failure",
      detail: `${report.name} (${report.type}) ${release.version}: ${report.outcome}${report.digest ? `, ${report.digest}` : ""}${report.detail ? ` — ${report.detail}` : ""}`,
      ...(report.link === undefined ? {} : { link: report.link }),
    });
}

function hasTargets(publish: PublishConfig | undefined): publish is PublishConfig {
  return publish !== undefined && Object.keys(publish.targets).length > 0;
}
