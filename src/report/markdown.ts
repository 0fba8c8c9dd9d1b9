/** A markdown table cell: text from outside must not add a column or end the row. */
export function tableCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");
}

/** A time as people read it in comments: `2026-11-20 10:04 UTC`. */
export function formatUtc(time: Date | string): string {
  return `${new Date(time).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
