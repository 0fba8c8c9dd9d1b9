import type { EnvironmentRecord } from "../model/records";

/**
 * The commit a deploy replaced: what the environment served before, unless it was removed or
 * was the same commit (a redeploy replaces nothing a rollback could return to).
 */
export function replacedSha(previous: EnvironmentRecord | undefined, sha: string): string | undefined {
  return previous?.state === "active" && previous.sha !== sha ? previous.sha : undefined;
}
