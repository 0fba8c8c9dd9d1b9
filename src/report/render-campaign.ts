import type { CampaignRecord, CampaignRow, ConsumerState } from "../model/propagation";
import type { CheckRunConclusion } from "../github/upsert-check-run";

const LABELS: Record<ConsumerState, string> = {
  pending: "pending",
  opened: "opened",
  updated: "updated",
  "up-to-date": "up to date",
  merged: "merged",
  closed: "closed",
  failed: "failed",
};

/** The campaign's check run: counts at the top, then a row per consumer. */
export interface CampaignReport {
  status: "in_progress" | "completed";
  conclusion?: CheckRunConclusion;
  title: string;
  summary: string;
}

/** Renders `Slipway / propagate` from the campaign and its rows (consumers without a row read as pending). */
export function renderCampaign(campaign: CampaignRecord, rows: readonly CampaignRow[]): CampaignReport {
  const byConsumer = new Map(rows.map((row) => [row.consumer.toLowerCase(), row]));
  const lines = campaign.consumers.map((consumer) => {
    const name = `${consumer.owner}/${consumer.repo}`;
    return byConsumer.get(name.toLowerCase()) ?? { consumer: name, state: "pending" as const, from: consumer.range, to: "", updatedAt: campaign.createdAt };
  });
  const counts = new Map<ConsumerState, number>();
  for (const line of lines) counts.set(line.state, (counts.get(line.state) ?? 0) + 1);
  const pending = counts.get("pending") ?? 0;
  const failed = counts.get("failed") ?? 0;
  const countLine = (Object.keys(LABELS) as ConsumerState[])
    .filter((state) => counts.has(state))
    .map((state) => `${counts.get(state)} ${LABELS[state]}`)
    .join(" · ");
  const table = [
    "| Repository | State | Pull request | From → to |",
    "| --- | --- | --- | --- |",
    ...lines.map((line) => {
      const state = line.detail ? `${LABELS[line.state]}: ${escapeCell(line.detail)}` : LABELS[line.state];
      const pull = line.pullNumber && line.pullUrl ? `[#${line.pullNumber}](${line.pullUrl})` : "";
      const range = line.to ? `\`${line.from}\` → \`${line.to}\`` : `\`${line.from}\``;
      return `| ${line.consumer} | ${state} | ${pull} | ${range} |`;
    }),
  ].join("\n");
  const heading = `Release [${campaign.tag}](${campaign.releaseUrl}) of \`${campaign.packageName}\` to ${lines.length} ${lines.length === 1 ? "consumer" : "consumers"}: ${countLine || "none depends on it"}.`;
  const summary = `${heading}\n\n${lines.length > 0 ? table : "No repository of the installation depends on the package."}`;
  const title = `${campaign.packageName}@${campaign.version}: ${countLine || "no consumers"}`;
  if (pending > 0) return { status: "in_progress", title, summary };
  return { status: "completed", conclusion: failed > 0 ? "failure" : "success", title, summary };
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}
