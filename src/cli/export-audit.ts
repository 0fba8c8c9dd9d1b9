import { z } from "zod";
import type { AuditRecord } from "../model/records";

/** Raised when the command line of `npm run audit` is wrong; the message includes the usage. */
export class AuditUsageError extends Error {
  override name = "AuditUsageError";
}

export const AUDIT_USAGE = `Usage: npm run --silent audit -- --repo <owner/name> [--since <YYYY-MM-DD or ISO time>] [--format jsonl|csv]

Prints a repository's audit trail (deploys, rollbacks, locks, unlocks, teardowns, refusals), oldest first.
  --repo     the repository, as owner/name (required)
  --since    only entries at or after this day (UTC midnight) or time, e.g. 2026-01-01 or 2026-01-01T09:00:00Z
  --format   jsonl (default, one JSON object a line) or csv (with a header row)
It reads the store the environment (and .env) names, as npm start does: SLIPWAY_STORE, SLIPWAY_TABLE,
DYNAMODB_ENDPOINT, AWS_REGION, SLIPWAY_DATA_DIR. Exit codes: 0 done, 1 the store could not be read, 2 bad usage.
`;

export type AuditFormat = "csv" | "jsonl";

/** The columns of the CSV export, in order. */
export const AUDIT_CSV_COLUMNS = [
  "at", "owner", "repo", "environment", "action", "actor", "trigger", "sha", "previousSha", "result", "detail", "link",
] as const satisfies readonly (keyof AuditRecord)[];

/** Spreadsheets run a cell starting with one of these as a formula (OWASP's CSV injection list). */
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(value: string | undefined): string {
  if (value === undefined) return "";
  const inert = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(inert) ? `"${inert.replace(/"/g, '""')}"` : inert;
}

/**
 * Renders audit entries for export. `csv` follows RFC 4180 (header row, CRLF line ends, quoted
 * fields where needed) and prefixes cells that a spreadsheet would run as a formula with `'`,
 * since actors, triggers and details come from people; `jsonl` writes each entry whole, one per line.
 */
export function formatAudit(records: AuditRecord[], format: AuditFormat): string {
  if (format === "jsonl") return records.map((record) => `${JSON.stringify(record)}\n`).join("");
  const rows = [AUDIT_CSV_COLUMNS.join(","), ...records.map((record) => AUDIT_CSV_COLUMNS.map((column) => csvCell(record[column])).join(","))];
  return `${rows.join("\r\n")}\r\n`;
}

/** GitHub's rules: an owner of letters, digits and inner hyphens; a repository of letters, digits, `.`, `_`, `-`. */
const REPOSITORY = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/;

const AuditArgsSchema = z.object({
  repo: z
    .string({ error: "is required" })
    .regex(REPOSITORY, { error: "must be owner/name, e.g. octo-org/site" })
    .refine((value) => !/\/\.{1,2}$/.test(value), { error: "must name a repository, not . or .." }),
  since: z
    .union([z.iso.date(), z.iso.datetime({ offset: true })], { error: "must be a day (2026-01-01) or an ISO time with a zone (2026-01-01T09:00:00Z)" })
    .optional(),
  format: z.enum(["csv", "jsonl"], { error: "must be csv or jsonl" }).default("jsonl"),
});

export interface AuditArgs {
  owner: string;
  repo: string;
  since?: Date;
  format: AuditFormat;
}

const FLAGS = new Set(["repo", "since", "format"]);

/** `--name value` and `--name=value` pairs, each flag at most once. */
function readFlags(argv: string[]): Record<string, string> {
  const flags: Record<string, string> = {};
  for (let index = 0; index < argv.length; index++) {
    const token = argv[index] ?? "";
    const match = /^--([a-z]+)(?:=(.*))?$/s.exec(token);
    const name = match?.[1];
    if (!match || name === undefined) throw usage(`unexpected argument "${token}"`);
    if (!FLAGS.has(name)) throw usage(`unknown option --${name}`);
    if (name in flags) throw usage(`--${name} is given more than once`);
    const value = match[2] ?? argv[++index];
    if (value === undefined || (match[2] === undefined && value.startsWith("--"))) throw usage(`--${name} needs a value`);
    flags[name] = value;
  }
  return flags;
}

function usage(problem: string): AuditUsageError {
  return new AuditUsageError(`${problem}\n\n${AUDIT_USAGE}`);
}

/** Parses the arguments of `npm run audit`; throws `AuditUsageError` naming what is wrong. */
export function parseAuditArgs(argv: string[]): AuditArgs {
  const result = AuditArgsSchema.safeParse(readFlags(argv));
  if (!result.success) {
    throw usage(result.error.issues.map((issue) => `--${issue.path.join(".")} ${issue.message}`).join("\n"));
  }
  const { repo, since, format } = result.data;
  const [owner = "", name = ""] = repo.split("/");
  // A bare day is UTC midnight (how `Date` reads YYYY-MM-DD), matching the stored UTC times.
  return { owner, repo: name, format, ...(since === undefined ? {} : { since: new Date(since) }) };
}
