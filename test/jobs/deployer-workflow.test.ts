import { gzipSync } from "node:zlib";
import { runCommand } from "../../src/jobs/command/run-command";
import type { CommandJob } from "../../src/jobs/command/command-job";
import type { Command } from "../../src/slash-command/command";
import { runDeploymentStatus } from "../../src/jobs/deployment-status/run-deployment-status";
import { runPreview } from "../../src/jobs/preview/run-preview";
import type { DeploymentStatusJob } from "../../src/jobs/deployment-status/deployment-status-job";
import type { JobContext } from "../../src/jobs/job-context";
import { JOB_KINDS } from "../../src/job-kinds";
import type { Stores } from "../../src/store/stores";
import { planDeploymentStatus } from "../../src/webhook/plan-deployment-status";
import { payloadProblem } from "../../src/webhook/payload-problem";
import * as command from "../helpers/command-api";
import { recordCalls, type CallLog } from "../helpers/github-api";
import { countingLogins, testJobContext } from "../helpers/job-context";
import * as github from "../helpers/preview-api";
import { testStores } from "../helpers/test-stores";
import { deploymentStatusPayload } from "../helpers/webhook-fixtures";
import { tar } from "../providers/static/tarball";

const { SHA } = github;
const EARLIER_SHA = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
const FLY_DEPLOYMENT = 1782051234;
const CONFIG = "environments:\n  fly:\n    deployer: workflow\n    permission: write\n";
const COMMENT_URL = `https://github.com/acme/web/pull/${command.PULL_NUMBER}#issuecomment-${command.COMMAND_COMMENT_ID}`;
const COMMENTS = `/repos/acme/web/issues/${command.PULL_NUMBER}/comments`;
const FLY_ROW = "| fly | ✅ Ready | [Open](https://acme-web.fly.dev) | `6dcb09b` |";
/** The workflow's `in_progress` on the same Deployment, posted before its `success`. */
const IN_PROGRESS = { state: "in_progress", id: 3998527001, created_at: "2024-09-03T10:50:10Z", environment_url: "" };

function commandJob(parsed: Command): CommandJob {
  return {
    kind: "command",
    repository: { installationId: 1, repoId: 759963101, owner: "acme", repo: "web" },
    pullNumber: command.PULL_NUMBER,
    commentId: command.COMMAND_COMMENT_ID,
    commentUrl: COMMENT_URL,
    actor: "octocat",
    command: parsed,
    eventAt: "2026-11-20T10:00:00.000Z",
  };
}

function bodiesOf(log: CallLog, call: string): Array<Record<string, unknown>> {
  return log.bodies.filter((entry) => entry.call === call).map((entry) => entry.body);
}

/** The recorded deployment_status delivery, planned as the webhook path does, with `changes` to the status. */
function statusJob(changes: Record<string, unknown> = {}, jobId?: string): DeploymentStatusJob {
  const payload = deploymentStatusPayload();
  Object.assign(payload.deployment_status, changes);
  if (jobId) (payload.deployment.payload as Record<string, unknown>).slipway_job = jobId;
  const [planned] = planDeploymentStatus(payload).jobs;
  return JOB_KINDS.load(planned!).job as DeploymentStatusJob;
}

describe("an environment its repository's workflow deploys (deployer: workflow)", () => {
  let stores: Stores;
  let close: () => void;
  let ctx: JobContext;

  beforeEach(async () => {
    ({ stores, close } = await testStores());
    ctx = await testJobContext(stores, { jobId: "command-job-1" });
  });

  afterEach(() => close());

  /** `/deploy fly` (or a rollback) as far as the hand-off: the Deployment for `sha`, the reply, 👀 and no final reaction. */
  async function handOff(parsed: Command, sha: string): Promise<CallLog> {
    const scope = github.githubApi();
    github.mockConfig(scope, CONFIG, "default branch");
    command.mockPermission(scope, "octocat", "write");
    if (parsed.name === "deploy") command.mockPullRequest(scope, sha);
    command.mockDeploymentCreatedAs(scope, "fly", sha, FLY_DEPLOYMENT);
    command.mockReaction(scope, "eyes");
    command.mockCommentPosted(scope, command.REPLY_ID);
    const log = recordCalls(scope);
    const outcome = await runCommand(commandJob(parsed), ctx);
    scope.done();
    expect(outcome.state).toBe("succeeded");
    return log;
  }

  it("creates the GitHub Deployment with what the workflow needs in its payload, builds nothing, and answers that it handed it off", async () => {
    const log = await handOff({ name: "deploy", environment: "fly" }, SHA);

    const [deployment] = bodiesOf(log, "POST /repos/acme/web/deployments");
    expect(deployment).toMatchObject({
      ref: SHA,
      environment: "fly",
      auto_merge: false,
      required_contexts: [],
      payload: {
        action: "deploy",
        actor: "octocat",
        trigger: "/deploy fly",
        pull_request: command.PULL_NUMBER,
        comment_id: command.COMMAND_COMMENT_ID,
        comment_url: COMMENT_URL,
        slipway: true,
        slipway_job: "command-job-1",
      },
    });
    // Nothing downloaded, no status posted by Slipway: the workflow deploys and reports.
    expect(log.calls.filter((call) => call.includes("/statuses") || call.includes("/tarball"))).toEqual([]);
    expect(bodiesOf(log, `POST /repos/acme/web/issues/comments/${command.COMMAND_COMMENT_ID}/reactions`).map((body) => body.content)).toEqual(["eyes"]);
    expect(String(bodiesOf(log, `POST ${COMMENTS}`)[0]?.body)).toContain(
      `Handed the deploy of \`6dcb09b\` to **fly** to this repository's deploy workflow (GitHub Deployment ${FLY_DEPLOYMENT}).`,
    );
    expect(await stores.environments.get("acme", "web", "fly")).toBeUndefined();
    expect(await stores.audit.listForEnvironment("acme", "web", "fly", 10)).toEqual([
      expect.objectContaining({ action: "hand-off", actor: "octocat", trigger: "/deploy fly", sha: SHA, result: "success", detail: `deploy handed to the deploy workflow as GitHub Deployment ${FLY_DEPLOYMENT}` }),
    ]);
  });

  it("follows the workflow's success into the table (its URL), 🚀 on the command and the audit trail", async () => {
    await handOff({ name: "deploy", environment: "fly" }, SHA);
    const scope = github.githubApi();
    command.mockCommentPosted(scope, github.COMMENT_ID);
    command.mockReaction(scope, "rocket");
    const log = recordCalls(scope);

    const outcome = await runDeploymentStatus(statusJob({}, "command-job-1"), ctx);

    scope.done();
    expect(outcome).toEqual({ state: "succeeded", result: "fly: the deploy workflow reported success for 6dcb09b" });
    expect(String(bodiesOf(log, `POST ${COMMENTS}`)[0]?.body)).toContain("| fly | ✅ Ready | [Open](https://acme-web.fly.dev) | `6dcb09b` |");
    const entry = (await stores.audit.listForEnvironment("acme", "web", "fly", 10)).find((audited) => audited.action === "deploy");
    expect(entry).toMatchObject({ action: "deploy", actor: "octocat", trigger: "/deploy fly", sha: SHA, result: "success", link: COMMENT_URL });
  });

  /** The workflow's statuses `changes` on the hand-off, reported as Slipway's job does; the sticky comment is {@link github.COMMENT_ID} from then on. */
  async function reportStatus(changes: Record<string, unknown>, calls: (scope: ReturnType<typeof github.githubApi>) => void): Promise<CallLog> {
    const scope = github.githubApi();
    calls(scope);
    const log = recordCalls(scope);
    await runDeploymentStatus(statusJob(changes, "command-job-1"), ctx);
    scope.done();
    return log;
  }

  /** The pull request's next preview (of `SHA`), which rewrites the sticky comment from what is stored. */
  async function nextPreview(): Promise<CallLog> {
    const top = `acme-web-${SHA.slice(0, 7)}`;
    const archive = gzipSync(await tar([{ name: `${top}/`, type: "directory" }, { name: `${top}/site/index.html`, body: "<h1>preview</h1>" }], { comment: SHA }));
    const scope = github.githubApi();
    github.mockConfig(scope, `preview:\n  source:\n    dir: site\n${CONFIG}`);
    github.mockDeploymentCreated(scope, `pr-${command.PULL_NUMBER}`);
    github.mockTarball(scope, archive);
    github.mockCheckRunCreated(scope, "Slipway / preview");
    github.mockDeploymentStatuses(scope, 1);
    github.mockCommentUpdated(scope);
    const log = recordCalls(scope);
    expect(await runPreview(github.previewJob(command.PULL_NUMBER), ctx)).toMatchObject({ state: "succeeded" });
    scope.done();
    return log;
  }

  function stickyOf(log: CallLog): string {
    return String(bodiesOf(log, `PATCH /repos/acme/web/issues/comments/${github.COMMENT_ID}`).at(-1)?.body);
  }

  it("keeps the workflow's row, with its URL, when the pull request's next preview rewrites the sticky comment", async () => {
    await handOff({ name: "deploy", environment: "fly" }, SHA);
    await reportStatus({}, (scope) => {
      command.mockCommentPosted(scope, github.COMMENT_ID);
      command.mockReaction(scope, "rocket");
    });
    expect(await stores.handedOffEnvironments.get("acme", "web", "fly")).toMatchObject({ state: "active", url: "https://acme-web.fly.dev", sha: SHA, pullNumber: command.PULL_NUMBER, actor: "octocat" });

    const sticky = stickyOf(await nextPreview());

    expect(sticky).toContain(`| pr-${command.PULL_NUMBER} | ✅ Ready |`);
    expect(sticky).toContain(FLY_ROW);
    expect(sticky.indexOf(`| pr-${command.PULL_NUMBER} |`)).toBeLessThan(sticky.indexOf("| fly |"));
    // Shown, never served: the site server resolves no such environment.
    expect(await stores.environments.get("acme", "web", "fly")).toBeUndefined();
  });

  it("keeps the newer status when an older one is delivered after it", async () => {
    await handOff({ name: "deploy", environment: "fly" }, SHA);
    await reportStatus({}, (scope) => {
      command.mockCommentPosted(scope, github.COMMENT_ID);
      command.mockReaction(scope, "rocket");
    });

    // No comment rewritten for it: the scope expects no call.
    const log = await reportStatus(IN_PROGRESS, () => undefined);

    expect(log.calls).toEqual([]);
    expect(await stores.handedOffEnvironments.get("acme", "web", "fly")).toMatchObject({ state: "active", url: "https://acme-web.fly.dev", statusAt: "2024-09-03T10:52:40.000Z" });
    expect(stickyOf(await nextPreview())).toContain(FLY_ROW);
  });

  it("shows the workflow's deploying state until its outcome arrives", async () => {
    await handOff({ name: "deploy", environment: "fly" }, SHA);
    const log = await reportStatus(IN_PROGRESS, (scope) => command.mockCommentPosted(scope, github.COMMENT_ID));
    expect(String(bodiesOf(log, `POST ${COMMENTS}`)[0]?.body)).toContain("| fly | 🔨 Building | — | `6dcb09b` |");
    expect(await stores.handedOffEnvironments.get("acme", "web", "fly")).toMatchObject({ state: "deploying", sha: SHA });
  });

  it("lists the environment the workflow deployed in /status, linked to the workflow's URL", async () => {
    await handOff({ name: "deploy", environment: "fly" }, SHA);
    await reportStatus({}, (scope) => {
      command.mockCommentPosted(scope, github.COMMENT_ID);
      command.mockReaction(scope, "rocket");
    });
    const statusCommentId = command.COMMAND_COMMENT_ID + 1;
    const scope = github.githubApi();
    command.mockReaction(scope, "eyes", { commentId: statusCommentId });
    github.mockConfig(scope, CONFIG, "default branch");
    command.mockCommentPosted(scope, command.REPLY_ID + 1);
    command.mockReaction(scope, "rocket", { commentId: statusCommentId });
    const log = recordCalls(scope);

    expect(await runCommand({ ...commandJob({ name: "status" }), commentId: statusCommentId, actor: "visitor" }, ctx)).toMatchObject({ state: "succeeded" });

    scope.done();
    const reply = String(bodiesOf(log, `POST ${COMMENTS}`)[0]?.body);
    expect(reply).toContain("| [fly](https://acme-web.fly.dev) | `6dcb09b` | @octocat |");
    expect(reply).toContain("deploy `6dcb09b` by @octocat (success,");
  });

  it("follows a failure into the table with the run's log, 😕 on the command and the audit trail", async () => {
    await handOff({ name: "deploy", environment: "fly" }, SHA);
    const scope = github.githubApi();
    command.mockCommentPosted(scope, github.COMMENT_ID);
    command.mockReaction(scope, "confused");
    const log = recordCalls(scope);

    const outcome = await runDeploymentStatus(statusJob({ state: "failure", description: "flyctl deploy exited 1", environment_url: "" }, "command-job-1"), ctx);

    scope.done();
    expect(outcome.state).toBe("failed");
    const sticky = String(bodiesOf(log, `POST ${COMMENTS}`)[0]?.body);
    expect(sticky).toContain("| fly | ❌ Failed |");
    expect(sticky).toContain("**The deploy workflow reported failure deploying `6dcb09b` to fly**: flyctl deploy exited 1 (https://github.com/acme/web/actions/runs/10683600012)");
    expect((await stores.audit.listForEnvironment("acme", "web", "fly", 10)).find((audited) => audited.action === "deploy")).toMatchObject({ result: "failure", sha: SHA });
  });

  it("ignores a status on a Deployment Slipway did not make, whatever its payload says", async () => {
    await handOff({ name: "deploy", environment: "fly" }, SHA);
    const { ctx: counted, logins } = countingLogins(ctx);
    const outcome = await runDeploymentStatus(statusJob({}, "forged-job"), counted);
    expect(outcome.result).toBe(`Deployment ${FLY_DEPLOYMENT} was not handed off by Slipway; ignored`);
    expect(logins()).toBe(0);
    expect((await stores.audit.listForEnvironment("acme", "web", "fly", 10)).map((audited) => audited.action)).toEqual(["hand-off"]);
  });

  it("rolls back by handing the earlier commit to the workflow as a new Deployment", async () => {
    const at = (minutes: number) => new Date(Date.parse("2026-11-20T09:00:00.000Z") + minutes * 60 * 1000).toISOString();
    const entry = { owner: "acme", repo: "web", environment: "fly", action: "deploy" as const, actor: "octocat", trigger: "/deploy fly", result: "success" as const };
    await stores.audit.append({ ...entry, id: "a1", sha: EARLIER_SHA, at: at(0) });
    await stores.audit.append({ ...entry, id: "a2", sha: SHA, at: at(10) });

    const log = await handOff({ name: "rollback", environment: "fly" }, EARLIER_SHA);

    expect(bodiesOf(log, "POST /repos/acme/web/deployments")[0]).toMatchObject({ ref: EARLIER_SHA, environment: "fly", payload: { action: "rollback", trigger: "/rollback fly" } });
    expect(String(bodiesOf(log, `POST ${COMMENTS}`)[0]?.body)).toContain("Handed the rollback of `f95f852` to **fly**");
  });
});

describe("planDeploymentStatus", () => {
  it("plans a deployment-status job from the recorded delivery of a hand-off's status", () => {
    expect(planDeploymentStatus(deploymentStatusPayload()).jobs).toEqual([
      {
        kind: "deployment-status",
        repository: { installationId: 1, repoId: 759963101, owner: "acme", repo: "web", private: false },
        deploymentId: FLY_DEPLOYMENT,
        statusId: 3998527711,
        state: "success",
        environment: "fly",
        sha: SHA,
        environmentUrl: "https://acme-web.fly.dev",
        logUrl: "https://github.com/acme/web/actions/runs/10683600012",
        description: "Deployed to Fly.io",
        handOff: {
          action: "deploy",
          actor: "octocat",
          trigger: "/deploy fly",
          pull_request: 12,
          comment_id: 2326620007,
          comment_url: "https://github.com/acme/web/pull/12#issuecomment-2326620007",
          slipway: true,
          slipway_job: "0f4e7c1d2b3a49586776a5b4c3d2e1f0",
        },
        eventAt: "2024-09-03T10:52:40.000Z",
      },
    ]);
  });

  it("accepts the recorded delivery as a deployment_status payload", () => {
    expect(payloadProblem("deployment_status", deploymentStatusPayload())).toBeUndefined();
  });

  it("plans nothing for Deployments of other tools, Slipway's own previews, or states it does not show", () => {
    const other = deploymentStatusPayload();
    other.deployment.payload = { task: "heroku" };
    const preview = deploymentStatusPayload();
    preview.deployment.payload = { slipway: true, slipway_job: "abc" };
    const pending = deploymentStatusPayload();
    pending.deployment_status.state = "pending";
    for (const payload of [other, preview, pending]) expect(planDeploymentStatus(payload).jobs).toEqual([]);
  });
});
