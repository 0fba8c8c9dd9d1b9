import type { Env } from "../config/env";

/** The REST API root: github.com, or GitHub Enterprise Server's `/api/v3` when GHE_HOST is set. */
export function githubBaseUrl(env: Pick<Env, "GHE_HOST" | "GHE_PROTOCOL">): string | undefined {
  return env.GHE_HOST ? `${env.GHE_PROTOCOL}://${env.GHE_HOST}/api/v3` : undefined;
}
