import type { EnvironmentRecord } from "../model/records";
import type { HandedOffEnvironmentRecord } from "../model/handed-off-environment";
import type { EnvironmentStore, HandedOffEnvironmentStore } from "../store/stores";
import type { EnvironmentRow } from "./render-comment";

/** Where the rows come from: the environments Slipway serves, and those the repository's workflow deploys. */
export interface PullRequestRowSources {
  environments: Pick<EnvironmentStore, "list">;
  handedOffEnvironments: Pick<HandedOffEnvironmentStore, "list">;
}

const HANDED_OFF_STATE: Record<HandedOffEnvironmentRecord["state"], EnvironmentRow["state"]> = {
  deploying: "building",
  active: "ready",
  failed: "failed",
};

function servedRow(environment: EnvironmentRecord): EnvironmentRow {
  return {
    environment: environment.name,
    state: environment.state === "active" ? "ready" : "removed",
    url: environment.url,
    sha: environment.sha,
    updatedAt: new Date(environment.updatedAt),
  };
}

function handedOffRow(environment: HandedOffEnvironmentRecord): EnvironmentRow {
  return {
    environment: environment.name,
    state: HANDED_OFF_STATE[environment.state],
    ...(environment.url === undefined ? {} : { url: environment.url }),
    sha: environment.sha,
    updatedAt: new Date(environment.updatedAt),
  };
}

/**
 * The rows of a pull request's sticky comment: every environment it deployed (its preview, any
 * environment a command deployed from it, and any a command handed to the repository's deploy
 * workflow), as stored, with `current` (the row a running job is reporting, e.g. a preview
 * still building) in place of the stored one. An environment both served and handed off (its
 * `deployer` changed) shows whichever was updated last.
 */
export async function pullRequestRows(sources: PullRequestRowSources, target: { owner: string; repo: string; pullNumber: number }, current?: EnvironmentRow): Promise<EnvironmentRow[]> {
  const [served, handedOff] = await Promise.all([sources.environments.list(target.owner, target.repo), sources.handedOffEnvironments.list(target.owner, target.repo)]);
  const stored = new Map<string, EnvironmentRow>();
  const candidates = [...served.filter((environment) => environment.pullNumber === target.pullNumber).map(servedRow), ...handedOff.filter((environment) => environment.pullNumber === target.pullNumber).map(handedOffRow)];
  for (const row of candidates) {
    const other = stored.get(row.environment);
    if (!other || other.updatedAt < row.updatedAt) stored.set(row.environment, row);
  }
  if (current) stored.set(current.environment, current);
  // Previews first, then the other environments by name: the table reads the same every time.
  return [...stored.values()].sort((a, b) => Number(!a.environment.startsWith("pr-")) - Number(!b.environment.startsWith("pr-")) || a.environment.localeCompare(b.environment));
}
