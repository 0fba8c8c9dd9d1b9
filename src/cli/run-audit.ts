import { ResourceNotFoundException } from "@aws-sdk/client-dynamodb";
import { EnvironmentVariableError, parseEnv } from "../config/env";
import { EmbeddedDynamoLockedError } from "../store/dynamo/assert-database-free";
import { AuditUsageError, AUDIT_USAGE, formatAudit, parseAuditArgs, type AuditArgs } from "./export-audit";
import { openAuditStore, type OpenedAuditStore } from "./open-audit-store";

/** Where `runAudit` writes: the export to `stdout`, everything said to a person to `stderr`. */
export interface AuditOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Exit codes: the export was printed; the store could not be opened or read; the command or environment is wrong. */
export const AUDIT_EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/**
 * `npm run audit`: parses the arguments and the environment, opens the store the environment
 * names, and prints the repository's audit trail. Returns the process's exit code; never
 * throws for a problem a person can fix, saying instead what to do.
 */
export async function runAudit(argv: string[], environment: NodeJS.ProcessEnv, out: AuditOutput): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    out.stdout(AUDIT_USAGE);
    return AUDIT_EXIT.ok;
  }
  let args: AuditArgs;
  let env: ReturnType<typeof parseEnv>;
  try {
    args = parseAuditArgs(argv);
    env = parseEnv(environment);
  } catch (error) {
    if (!(error instanceof AuditUsageError || error instanceof EnvironmentVariableError)) throw error;
    out.stderr(`${error.message}\n`);
    return AUDIT_EXIT.usage;
  }

  let store: OpenedAuditStore;
  try {
    store = await openAuditStore(env);
  } catch (error) {
    if (error instanceof EmbeddedDynamoLockedError) {
      // LevelDB admits one process per folder, and a running `npm start` keeps it open.
      out.stderr(`Stop \`npm start\` first, then run the audit again: ${error.message}\n`);
      return AUDIT_EXIT.failed;
    }
    out.stderr(`Could not open Slipway's store: ${messageOf(error)}\n`);
    return AUDIT_EXIT.failed;
  }
  try {
    const records = await store.audit.list(args.owner, args.repo, args.since ? { since: args.since } : {});
    out.stdout(formatAudit(records, args.format));
    const since = args.since ? ` since ${args.since.toISOString()}` : "";
    out.stderr(`${records.length} audit ${records.length === 1 ? "entry" : "entries"} of ${args.owner}/${args.repo}${since}, from ${store.location}.\n`);
    return AUDIT_EXIT.ok;
  } catch (error) {
    out.stderr(`Could not read the audit trail from ${store.location}: ${describeReadError(error)}\n`);
    return AUDIT_EXIT.failed;
  } finally {
    await store.close();
  }
}

function describeReadError(error: unknown): string {
  if (error instanceof ResourceNotFoundException || (error instanceof Error && error.name === "ResourceNotFoundException")) {
    return "the table does not exist; set SLIPWAY_TABLE (and DYNAMODB_ENDPOINT or AWS_REGION) to the table Slipway writes to.";
  }
  return messageOf(error);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
