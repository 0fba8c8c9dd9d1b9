import { z } from "zod";
import { TargetCredentialsError, TargetUnavailableError } from "../common/target-errors";
import { registryGet } from "./registry-request";
import { registryBase } from "./registry-url";

const WhoamiSchema = z.object({ username: z.string().min(1) });

/**
 * The user a token belongs to, from the registry's `GET /-/whoami` (npm's own `npm whoami`).
 * A refused token (401/403), or an answer naming no user (what some registries give for an
 * unknown token), is a {@link TargetCredentialsError} naming the secret, never its value.
 */
export async function npmWhoami(registry: string, token: string, secretName: string): Promise<string> {
  const base = registryBase(registry);
  const response = await registryGet(new URL("-/whoami", base).href, token, "the token check");
  const refused = () =>
    new TargetCredentialsError(
      `the npm registry at ${base} did not accept the token in ${secretName} (HTTP ${response.status}${response.ok ? ", no user for it" : ""}): ` +
        `create a token that may publish this package, seal it for this repository and put it under \`secrets:\` as ${secretName}.`,
    );
  if (response.status === 401 || response.status === 403) throw refused();
  if (!response.ok) throw new TargetUnavailableError(`the npm registry at ${base} answered the token check with HTTP ${response.status}; it will be retried.`);
  const body = WhoamiSchema.safeParse(await response.json().catch(() => undefined));
  if (!body.success) throw refused();
  return body.data.username;
}
