/**
 * `npm run audit -- --repo owner/name [--since 2026-01-01] [--format csv|jsonl]`: prints a
 * repository's audit trail from the store the environment names (see `runAudit`).
 */
import { existsSync } from "node:fs";
import { runAudit } from "../src/cli/run-audit";

// Read the same settings as `npm start`, which keeps them in .env; variables already set win.
if (existsSync(".env")) process.loadEnvFile(".env");

runAudit(process.argv.slice(2), process.env, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then(
  // exitCode rather than exit(): a piped export is written out in full before the process ends.
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
