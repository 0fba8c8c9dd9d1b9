/**
 * `npm run audit -- --repo owner/name [--since 2026-01-01] [--format csv|jsonl]`: prints a
 * repository's audit trail from the store the environment names (see `runAudit`).
 */
import { existsSync } from "node:fs";
import { runAudit } from "../src/cli/run-audit";
import { exitWithCode } from "./exit-with-code";

// Read the same settings as `npm start`, which keeps them in .env; variables already set win.
if (existsSync(".env")) process.loadEnvFile(".env");

exitWithCode(
  runAudit(process.argv.slice(2), process.env, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  }),
);
