import { parseArgs } from "node:util";
import { SecretScopeSchema } from "./secret-scope";

/** Raised when the command line of `npm run seal` is wrong; the message includes the usage. */
export class SealUsageError extends Error {
  override name = "SealUsageError";
}

/** Where `npm run seal` fetches the public key when no `--app` is given: the local runtime. */
export const DEFAULT_APP_URL = "http://localhost:3000";

export const SEAL_USAGE = `Usage: npm run --silent seal -- --repo <owner/repo | owner/*> [--app <URL>]

Reads a secret from standard input (typing is not shown at a terminal; a trailing newline is
dropped) and prints it sealed for .github/slipway.yml. Only the app can open it, and only for the
repository --repo names (owner/* for every repository of the owner).
  --repo   the repository, owner/repo, or owner/* for an organisation-wide secret (required)
  --app    Slipway's URL, whose /api/slipway/public-key is fetched (default ${DEFAULT_APP_URL})
The secret never leaves this machine: it is sealed here with the app's public key.
Exit codes: 0 printed, 1 the public key could not be fetched, 2 bad usage or an empty secret.
`;

export interface SealArgs {
  /** `owner/repo` or `owner/*`. */
  scope: string;
  /** The app's base URL, without a trailing slash. */
  app: string;
}

/** Parses the arguments of `npm run seal`; throws `SealUsageError` naming what is wrong. */
export function parseSealArgs(argv: string[]): SealArgs {
  let values: { repo?: string | undefined; app?: string | undefined };
  try {
    ({ values } = parseArgs({ args: argv, options: { repo: { type: "string" }, app: { type: "string" } }, strict: true, allowPositionals: false }));
  } catch (error) {
    throw usage(error instanceof Error ? error.message : String(error));
  }
  if (values.repo === undefined) throw usage("--repo is required: the repository the secret is for, as owner/repo or owner/*");
  const scope = SecretScopeSchema.safeParse(values.repo);
  if (!scope.success) throw usage(`--repo ${JSON.stringify(values.repo)} must be owner/repo or owner/* (e.g. acme/web, acme/*)`);
  const app = values.app ?? DEFAULT_APP_URL;
  if (!URL.canParse(app) || !/^https?:$/.test(new URL(app).protocol)) throw usage(`--app ${JSON.stringify(app)} must be an http(s) URL, e.g. ${DEFAULT_APP_URL}`);
  return { scope: scope.data, app: app.replace(/\/+$/, "") };
}

function usage(problem: string): SealUsageError {
  return new SealUsageError(`${problem}\n\n${SEAL_USAGE}`);
}
