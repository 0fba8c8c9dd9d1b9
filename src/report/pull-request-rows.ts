import type { EnvironmentStore } from "../store/stores";
import type { EnvironmentRow } from "./render-comment";

/**
 * The rows of a pull request's sticky comment: every environment it deployed (its preview,
 * and any environment a command deployed from it), as stored, with `current` (the row a
 * running job is reporting, e.g. a preview still building) in place of the stored one.
 */
export async function pullRequestRows(
  environments: Pick<EnvironmentStore, "list">,
  target: { owner: string; repo: string; pullNumber: number },
  current?: EnvironmentRow,
): Promise<EnvironmentRow[]> {
  const stored = (await environments.list(target.owner, target.repo))
    .filter((environment) => environment.pullNumber === target.pullNumber && environment.name !== current?.environment)
    .map(
      (environment): EnvironmentRow => ({
        environment: environment.name,
        state: environment.state === "active" ? "ready" : "removed",
        url: environment.url,
        sha: environment.sha,
        updatedAt: new Date(environment.updatedAt),
      }),
    );
  const rows = current ? [current, ...stored] : stored;
  // Previews first, then the other environments by name: the table reads the same every time.
  return rows.sort((a, b) => Number(!a.environment.startsWith("pr-")) - Number(!b.environment.startsWith("pr-")) || a.environment.localeCompare(b.environment));
}
