import { fetchPublicKey, PublicKeyFetchError } from "./fetch-public-key";
import { parseSealArgs, SEAL_USAGE, SealUsageError } from "./parse-seal-args";
import { EmptySecretError, readSecret, type SecretInput } from "./read-secret";
import { sealSecret } from "./seal-secret";

/** Where `runSeal` reads and writes: the sealed value to `stdout`, everything said to a person to `stderr`. */
export interface SealIo {
  stdin: SecretInput;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Exit codes: printed; the public key could not be fetched; bad usage or an empty secret. */
export const SEAL_EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/**
 * `npm run seal`: reads a secret, fetches the app's public key and prints the secret sealed
 * for the repository (or owner) named. Returns the exit code; never throws for a problem a
 * person can fix, saying instead what to do. The secret itself is never printed.
 */
export async function runSeal(argv: string[], io: SealIo): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    io.stdout(SEAL_USAGE);
    return SEAL_EXIT.ok;
  }
  try {
    const args = parseSealArgs(argv);
    // The key first: an unreachable app is reported before anyone types a secret.
    const key = await fetchPublicKey(args.app);
    const value = await readSecret(io.stdin, io.stderr);
    io.stdout(`${await sealSecret({ scope: args.scope, value }, key)}\n`);
    io.stderr(`Sealed for ${args.scope} with key ${key.id}. Add it under \`secrets:\` in .github/slipway.yml, e.g. NPM_TOKEN: sealed:v1:…\n`);
    return SEAL_EXIT.ok;
  } catch (error) {
    if (error instanceof SealUsageError || error instanceof EmptySecretError) {
      io.stderr(`${error.message}\n`);
      return SEAL_EXIT.usage;
    }
    if (error instanceof PublicKeyFetchError) {
      io.stderr(`${error.message}\n`);
      return SEAL_EXIT.failed;
    }
    throw error;
  }
}
