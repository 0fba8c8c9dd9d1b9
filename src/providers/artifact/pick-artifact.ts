import { ArtifactExpiredError, ArtifactNotFoundError } from "../../github/artifact-errors";
import type { RunArtifact } from "../../github/list-run-artifacts";

/**
 * The run's artifact by that name that can still be downloaded: the newest, should a re-run
 * have uploaded it again. Only expired ones: `ArtifactExpiredError`; none: `ArtifactNotFoundError`
 * naming the artifacts the run did upload.
 */
export function pickArtifact(artifacts: RunArtifact[], name: string, run: string): RunArtifact {
  const named = artifacts.filter((artifact) => artifact.name === name);
  const live = named.filter((artifact) => !artifact.expired).sort((a, b) => b.id - a.id);
  const [newest] = live;
  if (newest) return newest;
  if (named.length > 0) throw new ArtifactExpiredError(name, run);
  throw new ArtifactNotFoundError(name, run, [...new Set(artifacts.map((artifact) => artifact.name))]);
}
