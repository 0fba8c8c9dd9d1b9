import type { ConfigProblem } from "../config/slipway-config";
import type { KnownObjects } from "../github/create-once";
import { upsertCheckRun } from "../github/upsert-check-run";
import type { Octokit } from "../github/octokit";

export const CONFIG_CHECK = "Slipway / config";

/** Fails the `Slipway / config` check run on the commit, naming each bad key and why. */
export async function reportConfigProblems(
  octokit: Octokit,
  target: { owner: string; repo: string; headSha: string },
  problems: ConfigProblem[],
  known?: KnownObjects,
): Promise<void> {
  const list = problems.map((problem) => `- \`${problem.key}\`: ${problem.message}`).join("\n");
  await upsertCheckRun(octokit, {
    ...target,
    name: CONFIG_CHECK,
    status: "completed",
    conclusion: "failure",
    title: `.github/slipway.yml has ${problems.length === 1 ? "a problem" : `${problems.length} problems`}`,
    summary: `Slipway did nothing for this commit because its configuration is invalid. Fix these keys and push again:\n\n${list}\n\nThe reference of every key is in Slipway's README.`,
  }, known);
}
