import { logTail } from "../../github/log-tail";
import type { CheckRunReport } from "../../github/upsert-check-run";
import { formatUtc, tableCell } from "../../report/markdown";
import { secretRedactor } from "../../secrets/secret-redactor";
import { PUBLISH_CHECK, RETRY_FAILED_ACTION, publishExternalId } from "./publish-job";
import { SUCCEEDED_OUTCOMES, type TargetOutcome, type TargetReport } from "./target-report";

const OUTCOME_WORDS: Record<TargetOutcome, string> = {
  waiting: "⏳ waiting",
  publishing: "🔄 publishing",
  published: "✅ published",
  identical: "✅ already published (identical)",
  earlier: "✅ published by an earlier run",
  conflict: "❌ conflict",
  failed: "❌ failed",
  blocked: "⛔ blocked",
  "not-run": "⏸️ not run",
  busy: "⏳ busy in another run",
};

export interface PublishCheckInput {
  owner: string;
  repo: string;
  commitSha: string;
  releaseId: number;
  tag: string;
  actor: string;
  targets: readonly TargetReport[];
  /** Still running: the run is `in_progress` and has no conclusion. */
  running: boolean;
  /** A sentence above the table (a failed credential check says so here). */
  headline?: string;
}

/** How many targets reached each outcome, in the table's words: "2 published, 1 failed". */
function counts(targets: readonly TargetReport[]): string {
  const byOutcome = new Map<TargetOutcome, number>();
  for (const target of targets) byOutcome.set(target.outcome, (byOutcome.get(target.outcome) ?? 0) + 1);
  return [...byOutcome].map(([outcome, count]) => `${count} ${OUTCOME_WORDS[outcome].replace(/^\S+\s/, "")}`).join(", ");
}

function row(target: TargetReport): string {
  const digest = target.digest ? `\`${target.digest.length > 24 ? `${target.digest.slice(0, 23)}…` : target.digest}\`` : "";
  const link = target.link ? `[open](${target.link})` : "";
  const cells = [`**${target.name}**`, target.type, OUTCOME_WORDS[target.outcome], target.version, digest, link, target.at ? formatUtc(target.at) : "", target.detail ?? ""];
  return `| ${cells.map(tableCell).join(" | ")} |`;
}

/**
 * The `Slipway / publish` check run for a release: a table of its targets (outcome, version,
 * digest, link, time), counts in the title, and the log tail of each target that did not
 * succeed. Everything passes through the redactor. "Retry failed" is offered whenever a
 * finished run left something not succeeded.
 */
export function renderPublishCheck(input: PublishCheckInput): CheckRunReport {
  const notSucceeded = input.targets.filter((target) => !SUCCEEDED_OUTCOMES.includes(target.outcome));
  const title = input.running
    ? `Publishing ${input.tag}: ${counts(input.targets)}`
    : notSucceeded.length === 0
      ? `Published ${input.tag} to ${input.targets.length} target${input.targets.length === 1 ? "" : "s"}`
      : `${input.tag}: ${counts(input.targets)}`;
  const table = ["| Target | Type | Outcome | Version | Digest | Link | Time | Detail |", "| --- | --- | --- | --- | --- | --- | --- | --- |", ...input.targets.map(row)].join("\n");
  const next = !input.running && notSucceeded.length > 0 ? `\n\nFix what the details say, then press **Retry failed**: only ${notSucceeded.map((target) => target.name).join(", ")} will run again; nothing that succeeded is published twice.` : "";
  const summary = `${input.headline ? `${input.headline}\n\n` : ""}Release \`${input.tag}\` by @${input.actor}.\n\n${table}${next}`;
  const tails = notSucceeded
    .filter((target) => target.log.length > 0)
    .map((target) => `### ${target.name}\n\n\`\`\`\n${logTail(target.log.join("\n"), 30).replace(/```/g, "ʼʼʼ")}\n\`\`\``)
    .join("\n\n");
  const base = {
    owner: input.owner,
    repo: input.repo,
    headSha: input.commitSha,
    name: PUBLISH_CHECK,
    externalId: publishExternalId(input.releaseId),
    title: secretRedactor.mask(title),
    summary: secretRedactor.mask(summary),
    ...(tails === "" ? {} : { text: secretRedactor.mask(tails) }),
  };
  if (input.running) return { ...base, status: "in_progress" };
  return {
    ...base,
    status: "completed",
    conclusion: notSucceeded.length === 0 ? "success" : "failure",
    ...(notSucceeded.length > 0 && { actions: [{ label: "Retry failed", description: "Re-run targets that did not succeed", identifier: RETRY_FAILED_ACTION }] }),
  };
}
