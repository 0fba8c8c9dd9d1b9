import nock from "nock";
import pullRequest from "../fixtures/github/pull-request.json";
import permission from "../fixtures/github/collaborator-permission.json";
import reaction from "../fixtures/github/reaction.json";
import comment from "../fixtures/github/issue-comment.json";
import deployment from "../fixtures/github/deployment.json";
import deploymentStatus from "../fixtures/github/deployment-status.json";

const CONFIG = "environments:\n  staging: {}\n  production:\n    branch: main\n    permission: maintain\n";

/**
 * GitHub for the benchmark: every call the command jobs make, answered at once from recorded
 * answers, so what is timed is Slipway's own work. `calls` lists the API requests made.
 */
export function mockGitHub(options: { owner: string; repo: string; archives: Record<string, Buffer> }) {
  const repo = `/repos/${options.owner}/${options.repo}`;
  const [headSha] = Object.keys(options.archives);
  let deploymentId = 5000;
  const api = nock("https://api.github.com").persist();
  api.post(/\/issues\/comments\/\d+\/reactions$/).reply(201, reaction);
  api.get(`${repo}/contents/.github%2Fslipway.yml`).query(true).reply(200, CONFIG, { "Content-Type": "text/plain" });
  api.get(/\/collaborators\/[^/]+\/permission$/).reply(200, { ...permission, permission: "admin", role_name: "admin" });
  api.get(`${repo}/pulls/12`).reply(200, { ...pullRequest, head: { ...pullRequest.head, sha: headSha } });
  api.get(`${repo}/deployments`).query(true).reply(200, []);
  api.post(`${repo}/deployments`).reply(201, () => ({ ...deployment, id: ++deploymentId }));
  api.post(/\/deployments\/\d+\/statuses$/).reply(201, deploymentStatus);
  api.get(/\/issues\/12\/comments$/).query(true).reply(200, []);
  api.post(`${repo}/issues/12/comments`).reply(201, comment);
  api.get(new RegExp(`${repo}/tarball/[0-9a-f]{40}$`)).reply((uri: string) => [302, "", { Location: `https://codeload.github.com/archive/${uri.split("/").pop() ?? ""}` }]);
  nock("https://codeload.github.com")
    .persist()
    .get(/\/archive\/[0-9a-f]{40}$/)
    .reply(200, (uri) => options.archives[uri.split("/").pop() ?? ""] ?? Buffer.alloc(0));

  const calls: string[] = [];
  api.on("request", (request: { method?: string; path?: string }) => calls.push(`${request.method ?? "GET"} ${request.path ?? ""}`));
  return { calls };
}
