import { TargetUnavailableError } from "../common/target-errors";

const TIMEOUT_MS = 30_000;

/**
 * A GET to an npm registry with the token as a bearer credential, as npm's client sends it.
 * Network failures and timeouts become {@link TargetUnavailableError}; the caller reads the
 * status. The token never appears in what is thrown.
 */
export async function registryGet(url: string, token: string, what: string): Promise<Response> {
  try {
    return await fetch(url, {
      headers: { authorization: `Bearer ${token}`, accept: "application/json", "npm-command": "publish" },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    throw new TargetUnavailableError(`the npm registry could not be reached for ${what} (${reason}); it will be retried.`);
  }
}
