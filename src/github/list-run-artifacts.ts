import type { Octokit } from "./octokit";

export type RunArtifactsOctokit = {
  paginate: Pick<Octokit["paginate"], "iterator">;
  rest: { actions: Pick<Octokit["rest"]["actions"], "listWorkflowRunArtifacts"> };
};

/** One artifact of a workflow run. */
export interface RunArtifact {
  id: number;
  name: string;
  /** The zip's size as GitHub reports it. */
  sizeInBytes: number;
  /** GitHub has deleted the files; the artifact's record stays listed. */
  expired: boolean;
  /** `sha256:<hex>` of the zip (actions/upload-artifact v4 and later); undefined for older uploads. */
  digest: string | undefined;
  /** ISO 8601; null when GitHub does not say. */
  createdAt: string | null;
}

/**
 * The artifacts of a workflow run, every page of them; with `name`, only those of that name
 * (GitHub filters by name, and the names are compared again here so a looser match on its side
 * can never hand over another artifact).
 */
export async function listRunArtifacts(
  octokit: RunArtifactsOctokit,
  { owner, repo, runId, name }: { owner: string; repo: string; runId: number; name?: string },
): Promise<RunArtifact[]> {
  const artifacts: RunArtifact[] = [];
  const pages = octokit.paginate.iterator(octokit.rest.actions.listWorkflowRunArtifacts, { owner, repo, run_id: runId, name, per_page: 100 });
  for await (const { data } of pages) {
    for (const artifact of data) {
      if (name !== undefined && artifact.name !== name) continue;
      artifacts.push({
        id: artifact.id,
        name: artifact.name,
        sizeInBytes: artifact.size_in_bytes,
        expired: artifact.expired,
        digest: artifact.digest ?? undefined,
        createdAt: artifact.created_at,
      });
    }
  }
  return artifacts;
}
