import type { GitHubStandIn } from "../github-stand-in";
import { addPersonComment, createBenchRepository, openPullRequest } from "./bench-repository";

/** The installation the check uses; its requests are left out of every figure. */
export const LIMIT_CHECK_INSTALLATION = 9001;

/**
 * Shows that the stand-in catches a client that does not pace its writes: an installation
 * sends content-creating requests back to back (reactions on a comment, as plain `fetch`es with
 * no throttling) until one is refused. Returns what happened, in one line.
 */
export async function checkStandInLimits(github: GitHubStandIn, writesPerMinute: number): Promise<string> {
  const repository = createBenchRepository(github.model, { installationId: LIMIT_CHECK_INSTALLATION, owner: "limits", name: "check" });
  openPullRequest(github.model, repository, 1);
  const comment = addPersonComment(github.model, repository, 1, "octocat", "A comment to react to");
  const api = `${github.url}/api/v3`;
  const tokenAnswer = await fetch(`${api}/app/installations/${LIMIT_CHECK_INSTALLATION}/access_tokens`, { method: "POST", headers: { authorization: "Bearer header.payload.signature" } });
  const { token } = (await tokenAnswer.json()) as { token: string };
  for (let sent = 1; sent <= writesPerMinute + 5; sent++) {
    const answer = await fetch(`${api}/repos/${repository.owner}/${repository.name}/issues/comments/${comment.id}/reactions`, {
      method: "POST",
      headers: { authorization: `token ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ content: sent % 2 === 0 ? "eyes" : "rocket" }),
    });
    const body = (await answer.json()) as { message?: string };
    if (answer.status >= 400) {
      return `an unpaced client's request ${sent} of one minute was answered ${answer.status} "${(body.message ?? "").slice(0, 45)}…", retry-after ${answer.headers.get("retry-after")} s`;
    }
  }
  return `NOT ENFORCED: ${writesPerMinute + 5} content-creating requests in a row were all accepted`;
}
