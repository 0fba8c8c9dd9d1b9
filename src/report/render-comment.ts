import { formatUtc, tableCell } from "./markdown";

/** One row of the sticky pull request comment: the state of one environment. */
export interface EnvironmentRow {
  environment: string;
  state: "building" | "ready" | "failed" | "removed" | "awaiting approval" | "disabled";
  url?: string;
  sha?: string;
  updatedAt: Date;
}

const STATE_LABEL: Record<EnvironmentRow["state"], string> = {
  building: "🔨 Building",
  ready: "✅ Ready",
  failed: "❌ Failed",
  removed: "🗑️ Removed",
  "awaiting approval": "⏸️ Awaiting approval",
  disabled: "➖ Disabled",
};


/**
 * The body of the one sticky comment Slipway keeps on a pull request: a table of the
 * environments the pull request touched, then notes (why something failed, what to do).
 */
export function renderComment(input: { marker: string; rows: EnvironmentRow[]; notes?: string[] }): string {
  const header = ["| Environment | State | Link | Commit | Updated |", "| --- | --- | --- | --- | --- |"];
  const rows = input.rows.map((row) =>
    [
      "",
      tableCell(row.environment),
      STATE_LABEL[row.state],
      row.url && row.state === "ready" ? `[Open](${row.url})` : "—",
      row.sha ? `\`${row.sha.slice(0, 7)}\`` : "—",
      formatUtc(row.updatedAt),
      "",
    ].join(" | ").trim(),
  );
  const notes = (input.notes ?? []).map((note) => `\n${note}`);
  return [input.marker, "**Slipway** deployments for this pull request", "", ...header, ...rows, ...notes].join("\n");
}
