import type { Octokit } from "./octokit";

export type AddLabelsOctokit = { rest: { issues: Pick<Octokit["rest"]["issues"], "addLabels"> } };

/** Adds labels to an issue or pull request (GitHub creates labels that do not exist yet). One write. */
export async function addLabels(octokit: AddLabelsOctokit, { owner, repo, number, labels }: { owner: string; repo: string; number: number; labels: readonly string[] }): Promise<void> {
  await octokit.rest.issues.addLabels({ owner, repo, issue_number: number, labels: [...labels] });
}
