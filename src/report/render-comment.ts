import { formatUtc, tableCell } from "./markdown";

/** One row of the sticky pull request comment: the state of one environment. */
export interface EnvironmentRow {
  environment: string;
  state: "building" | "ready" | "failed" | "removed" | "awaiting approval" | "disabled" | "waiting";
  /** The environment's address when ready; the run waited for when `waiting`. */
  url?: string;
  /** The workflow a `waiting` row waits for: `build.yml`. */
  workflow?: string;
  sha?: string;
  updatedAt: Date;
}

const STATE_LABEL: Record<Exclude<EnvironmentRow["state"], "waiting">, string> = {
  building: "🔨 Building",
  ready: "✅ Ready",
  failed: "❌ Failed",
  removed: "🗑️ Removed",
  "awaiting approval": "⏸️ Awaiting approval",
  disabled: "➖ Disabled",
};

function stateCell(row: EnvironmentRow): string {
  return row.state === "waiting" ? `⏳ Waiting for ${tableCell(row.workflow ?? "the build")}` : STATE_LABEL[row.state];
}

function linkCell(row: EnvironmentRow): string {
  if (row.url && row.state === "ready") return `[Open](${row.url})`;
  if (row.url && row.state === "waiting") return `[Run](${row.url})`;
  return "—";
}


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
      stateCell(row),
      linkCell(row),
      row.sha ? `\`${row.sha.slice(0, 7)}\`` : "—",
      formatUtc(row.updatedAt),
      "",
    ].join(" | ").trim(),
  );
  const notes = (input.notes ?? []).map((note) => `\n${note}`);
  return [input.marker, "**Slipway** deployments for this pull request", "", ...header, ...rows, ...notes].join("\n");
}
