import type { RepoRef } from "../model/repo-ref";

/** The repository of an app delivery; undefined when the delivery has no installation. */
export function repoRef(payload: {
  installation?: { id: number } | null;
  repository: { id: number; name: string; private: boolean; owner: { login: string } };
}): RepoRef | undefined {
  const installationId = payload.installation?.id;
  if (!installationId) return undefined;
  return { installationId, repoId: payload.repository.id, owner: payload.repository.owner.login, repo: payload.repository.name, private: payload.repository.private };
}
