import { gzipSync } from "node:zlib";
import nock from "nock";
import { buildFileKey } from "../../src/blobs/blob-store";
import type { Command } from "../../src/slash-command/command";
import type { Permission } from "../../src/github/get-permission";
import { runCommand as runCommandJob } from "../../src/jobs/command/run-command";
import { jobId } from "../helpers/job-ids";
import type { CommandJob } from "../../src/jobs/command/command-job";
import type { JobContext } from "../../src/jobs/job-context";
import { buildKeyOf } from "../../src/deploy/ensure-build";
import { PULL_REQUEST_MARKER } from "../../src/report/update-pull-request-comment";
import type { EnvironmentRecord } from "../../src/model/records";
import type { Stores } from "../../src/store/stores";
import { tar } from "../providers/static/tarball";
import * as command from "../helpers/command-api";
import { recordCalls, type CallLog } from "../helpers/github-api";
import { SITE_BASE_URL, testJobContext } from "../helpers/job-context";
import * as github from "../helpers/preview-api";
import { testStores } from "../helpers/test-stores";

const { OWNER, REPO, SHA, COMMENT_ID, DEPLOYMENT_ID } = github;
const { PULL_NUMBER, COMMAND_COMMENT_ID, REPLY_ID } = command;
/** A second head commit of the pull request, pushed after SHA. */
const LATER_SHA = "9f3c2e1d0b8a7c6e5f4d3c2b1a09f8e7d6c5b4a3";
const CONFIG = [
  "preview:",
  "  source:",
  "    dir: site",
  "environments:",
  "  production:",
  "    branch: main",
  "    permission: maintain",
  "  staging:",
  "    permission: write",
  "",
].join("\n");
const STAGING_URL = `${SITE_BASE_URL}/acme/web/staging/`;
const PRODUCTION_URL = `${SITE_BASE_URL}/acme/web/production/`;
const COMMENTS = `/repos/${OWNER}/${REPO}/issues/${PULL_NUMBER}/comments`;

async function siteArchive(sha: string): Promise<Buffer> {
  const top = `${OWNER}-${REPO}-${sha.slice(0, 7)}`;
  return gzipSync(
    await tar(
      [
        { name: `${top}/`, type: "directory" },
        { name: `${top}/README.md`, body: "# web\n" },
        { name: `${top}/site/index.html`, body: `<h1>web at ${sha.slice(0, 7)}</h1>` },
      ],
      { comment: sha },
    ),
  );
}

function commandJob(parsed: Command, actor: string, overrides: Partial<CommandJob> = {}): CommandJob {
  const commentId = overrides.commentId ?? COMMAND_COMMENT_ID;
  return {
    kind: "command",
    repository: { installationId: 1, repoId: 424242, owner: OWNER, repo: REPO },
    pullNumber: PULL_NUMBER,
    commentId,
    commentUrl: `https://github.com/${OWNER}/${REPO}/pull/${PULL_NUMBER}#issuecomment-${commentId}`,
    actor,
    command: parsed,
    eventAt: "2026-11-20T10:00:00.000Z",
    ...overrides,
  };
}

/** Runs the command as the worker does: under its own job id, which owns its claims and Deployments. */
function runCommand(job: CommandJob, ctx: JobContext) {
  return runCommandJob(job, { ...ctx, jobId: jobId(job) });
}

/** Every mock answered, including the archive download host. */
function allUsed(scope: nock.Scope): void {
  scope.done();
  expect(nock.pendingMocks()).toEqual([]);
}

/** 👀, then the configuration of the default branch (no `ref`), then the commenter's permission. */
function expectStart(scope: nock.Scope, actor: string, role: Permission | undefined, options: { config?: string; commentId?: number } = {}): void {
  command.mockReaction(scope, "eyes", { commentId: options.commentId });
  github.mockConfig(scope, options.config ?? CONFIG, "default branch");
  if (role) command.mockPermission(scope, actor, role);
}

interface DeployMocks {
  environment: string;
  sha: string;
  deploymentId: number;
  /** The archive to download; undefined when the build is stored. */
  archive?: Buffer;
  /** The deployment this one replaces, marked inactive. */
  replaces?: number;
  /** This job already made the Deployment and recorded it (a redelivery): nothing is created. */
  recorded?: boolean;
}

/** The GitHub side of one deploy: the Deployment, its statuses, and the archive when it is built. */
function expectDeploy(scope: nock.Scope, deploy: DeployMocks): void {
  if (!deploy.recorded) command.mockDeploymentCreatedAs(scope, deploy.environment, deploy.sha, deploy.deploymentId);
  // A quick build is not reported in progress: the Deployment goes straight to its result.
  command.mockStoredBuildStatuses(scope, deploy.deploymentId);
  if (deploy.replaces !== undefined) github.mockDeploymentStatuses(scope, 1, deploy.replaces);
  if (deploy.archive) github.mockTarball(scope, deploy.archive, deploy.sha);
}

/** The reply is posted, then (when an environment moved) the sticky comment, then the final reaction. */
function expectAnswer(scope: nock.Scope, ok: boolean, options: { sticky?: "new" | "recorded"; commentId?: number } = {}): void {
  command.mockCommentPosted(scope, REPLY_ID);
  if (options.sticky === "new") command.mockCommentPosted(scope, COMMENT_ID);
  if (options.sticky === "recorded") command.mockCommentEdited(scope, COMMENT_ID);
  command.mockReaction(scope, ok ? "rocket" : "confused", { commentId: options.commentId });
}

function bodiesOf(log: CallLog, call: string): Array<Record<string, unknown>> {
  return log.bodies.filter((entry) => entry.call === call).map((entry) => entry.body);
}

/** The reply's markdown: the first comment posted. */
function replyOf(log: CallLog): string {
  return String(bodiesOf(log, `POST ${COMMENTS}`)[0]?.body);
}

function reactionsOf(log: CallLog, commentId = COMMAND_COMMENT_ID): unknown[] {
  return bodiesOf(log, `POST /repos/${OWNER}/${REPO}/issues/comments/${commentId}/reactions`).map((body) => body.content);
}

describe("the command job", () => {
  let stores: Stores;
  let close: () => void;
  let ctx: JobContext;

  // A table per test: environments, locks and the audit trail must not leak between tests.
  beforeEach(async () => {
    ({ stores, close } = await testStores());
    ctx = await testJobContext(stores);
  });

  afterEach(() => close());

  describe("/deploy", () => {
    it("deploys the pull request's head to staging, answers in the pull request and records the audit entry, in 10 GitHub API calls", async () => {
      const scope = github.githubApi();
      expectStart(scope, "octocat", "write");
      command.mockPullRequest(scope, SHA);
      expectDeploy(scope, { environment: "staging", sha: SHA, deploymentId: DEPLOYMENT_ID, archive: await siteArchive(SHA) });
      expectAnswer(scope, true, { sticky: "new" });
      const log = recordCalls(scope);

      const outcome = await runCommand(commandJob({ name: "deploy", environment: "staging" }, "octocat"), ctx);

      allUsed(scope);
      expect(outcome.state).toBe("succeeded");
      // Reported as "GitHub API calls per /deploy" (the archive download from codeload is not an API call).
      // Nothing is listed: the Deployment, reply and sticky comment are new, and Slipway knows it.
      expect(log.calls).toEqual([
        "GET /repos/acme/web/contents/.github/slipway.yml",
        "GET /repos/acme/web/collaborators/octocat/permission",
        `GET /repos/acme/web/pulls/${PULL_NUMBER}`,
        `GET /repos/acme/web/tarball/${SHA}`,
        "POST /repos/acme/web/deployments",
        `POST /repos/acme/web/issues/comments/${COMMAND_COMMENT_ID}/reactions`,
        `POST /repos/acme/web/deployments/${DEPLOYMENT_ID}/statuses`,
        `POST ${COMMENTS}`,
        `POST ${COMMENTS}`,
        `POST /repos/acme/web/issues/comments/${COMMAND_COMMENT_ID}/reactions`,
      ]);
      expect(reactionsOf(log)).toEqual(["eyes", "rocket"]);

      expect(bodiesOf(log, "POST /repos/acme/web/deployments")[0]).toMatchObject({
        ref: SHA,
        environment: "staging",
        transient_environment: false,
        production_environment: false,
        required_contexts: [],
        auto_merge: false,
      });
      const statuses = bodiesOf(log, `POST /repos/acme/web/deployments/${DEPLOYMENT_ID}/statuses`);
      expect(statuses.map((status) => status.state)).toEqual(["success"]);
      expect(statuses[0]).toMatchObject({ environment_url: STAGING_URL, log_url: commandJob({ name: "help" }, "x").commentUrl });

      const [reply, sticky] = bodiesOf(log, `POST ${COMMENTS}`).map((body) => String(body.body));
      expect(reply).toMatch(/^> \/deploy staging\n/);
      expect(reply).toContain(`Deployed \`6dcb09b\` to **staging**: ${STAGING_URL}`);
      expect(reply).toContain(command.replyMarker());
      expect(sticky).toContain(PULL_REQUEST_MARKER);
      expect(sticky).toMatch(new RegExp(`\\| staging \\| ✅ Ready \\| \\[Open\\]\\(${STAGING_URL.replace(/[.]/g, "\\.")}\\) \\| \`6dcb09b\` \\|`));

      expect(await stores.environments.get(OWNER, REPO, "staging")).toMatchObject({
        state: "active",
        sha: SHA,
        deploymentId: DEPLOYMENT_ID,
        url: STAGING_URL,
        actor: "octocat",
        pullNumber: PULL_NUMBER,
      });
      const buildKey = buildKeyOf({ sha: SHA, source: { dir: "site" } });
      expect((await ctx.blobs.get(buildFileKey(OWNER, REPO, buildKey, "index.html")))?.body.toString()).toBe("<h1>web at 6dcb09b</h1>");
      expect(await stores.audit.list(OWNER, REPO)).toEqual([
        expect.objectContaining({ action: "deploy", environment: "staging", actor: "octocat", sha: SHA, buildKey, trigger: "/deploy staging", result: "success" }),
      ]);
    });

    it("answers that the environment is busy when another deploy holds it, and changes nothing", async () => {
      await stores.claims.claim(OWNER, REPO, "staging", { jobId: "another-deploy", until: new Date(Date.now() + 60_000) }, new Date());
      const scope = github.githubApi();
      expectStart(scope, "octocat", "write");
      command.mockPullRequest(scope, SHA);
      expectAnswer(scope, false);
      const log = recordCalls(scope);

      expect(await runCommand(commandJob({ name: "deploy", environment: "staging" }, "octocat"), ctx)).toMatchObject({ state: "failed" });

      allUsed(scope);
      expect(replyOf(log)).toContain("**staging** is being deployed by another request right now, so nothing was changed. Try again when it has finished.");
      expect(reactionsOf(log)).toEqual(["eyes", "confused"]);
      expect(log.calls.some((call) => call.includes("/deployments"))).toBe(false);
      expect(await stores.environments.get(OWNER, REPO, "staging")).toBeUndefined();
      expect(await stores.audit.list(OWNER, REPO)).toEqual([expect.objectContaining({ action: "deploy", result: "refused", detail: "another deploy of this environment was running" })]);
    });

    it("refuses production to a user with write when it needs maintain, says what was needed and calls no deployment API", async () => {
      const scope = github.githubApi();
      expectStart(scope, "octocat", "write");
      expectAnswer(scope, false);
      const log = recordCalls(scope);

      const outcome = await runCommand(commandJob({ name: "deploy", environment: "production" }, "octocat"), ctx);

      allUsed(scope);
      expect(outcome.state).toBe("failed");
      const reply = replyOf(log);
      expect(reply).toMatch(/^> \/deploy production\n/);
      expect(reply).toContain("This needs **maintain** permission on acme/web");
      expect(reply).toContain("`environments.production.permission`");
      expect(reply).toContain("@octocat has **write**");
      expect(reactionsOf(log)).toEqual(["eyes", "confused"]);
      expect(log.calls.some((call) => call.includes("/deployments") || call.includes("/pulls/"))).toBe(false);
      expect(await stores.environments.get(OWNER, REPO, "production")).toBeUndefined();
      expect(await stores.audit.list(OWNER, REPO)).toEqual([
        expect.objectContaining({ action: "refusal", environment: "production", actor: "octocat", result: "refused", detail: "needs maintain, has write", trigger: "/deploy production" }),
      ]);
    });

    it.each<Permission>(["triage", "read"])("refuses staging to a user with %s", async (role) => {
      const scope = github.githubApi();
      expectStart(scope, "visitor", role);
      expectAnswer(scope, false);
      const log = recordCalls(scope);

      expect(await runCommand(commandJob({ name: "deploy", environment: "staging" }, "visitor"), ctx)).toMatchObject({ state: "failed" });

      allUsed(scope);
      expect(replyOf(log)).toContain(`This needs **write** permission on acme/web (set by \`environments.staging.permission\` in .github/slipway.yml); @visitor has **${role}**.`);
      expect(log.calls.some((call) => call.includes("/deployments"))).toBe(false);
      expect(await stores.audit.list(OWNER, REPO)).toEqual([expect.objectContaining({ action: "refusal", result: "refused", detail: `needs write, has ${role}` })]);
    });

    it.each<Permission>(["maintain", "admin"])("deploys production for a user with %s, as a production deployment", async (role) => {
      const scope = github.githubApi();
      expectStart(scope, "mona", role);
      command.mockPullRequest(scope, SHA);
      expectDeploy(scope, { environment: "production", sha: SHA, deploymentId: DEPLOYMENT_ID, archive: await siteArchive(SHA) });
      expectAnswer(scope, true, { sticky: "new" });
      const log = recordCalls(scope);

      expect(await runCommand(commandJob({ name: "deploy", environment: "production" }, "mona"), ctx)).toMatchObject({ state: "succeeded" });

      allUsed(scope);
      expect(bodiesOf(log, "POST /repos/acme/web/deployments")[0]).toMatchObject({ environment: "production", production_environment: true, transient_environment: false });
      expect(replyOf(log)).toContain(`Deployed \`6dcb09b\` to **production**: ${PRODUCTION_URL}`);
      expect(await stores.environments.get(OWNER, REPO, "production")).toMatchObject({ sha: SHA, actor: "mona" });
      expect(await stores.audit.list(OWNER, REPO)).toEqual([expect.objectContaining({ action: "deploy", environment: "production", actor: "mona", result: "success" })]);
    });
  });

  describe("require_checks", () => {
    const GATED = "preview:\n  source:\n    dir: site\nenvironments:\n  production:\n    permission: maintain\n    require_checks: true\n";

    it("refuses a commit with a failing check run and lists it, leaving Slipway's own runs out", async () => {
      const scope = github.githubApi();
      expectStart(scope, "mona", "maintain", { config: GATED });
      command.mockPullRequest(scope, SHA);
      command.mockCommitGate(scope, SHA, [
        { name: "lint", conclusion: "success" },
        { name: "test", conclusion: "failure" },
        { name: "Slipway / preview", conclusion: "failure" },
      ]);
      expectAnswer(scope, false);
      const log = recordCalls(scope);

      expect(await runCommand(commandJob({ name: "deploy", environment: "production" }, "mona"), ctx)).toMatchObject({ state: "failed" });

      allUsed(scope);
      const reply = replyOf(log);
      expect(reply).toContain("`6dcb09b` cannot go to **production** yet: its checks are not all green (test (failure))");
      expect(reply).not.toContain("Slipway / preview");
      expect(reactionsOf(log)).toEqual(["eyes", "confused"]);
      expect(log.calls.some((call) => call.includes("/deployments"))).toBe(false);
      expect(await stores.audit.list(OWNER, REPO)).toEqual([
        expect.objectContaining({ action: "refusal", environment: "production", actor: "mona", result: "refused", detail: "checks not green: test (failure)" }),
      ]);
    });

    it("deploys when only Slipway's own check run failed", async () => {
      const scope = github.githubApi();
      expectStart(scope, "mona", "maintain", { config: GATED });
      command.mockPullRequest(scope, SHA);
      command.mockCommitGate(scope, SHA, [
        { name: "lint", conclusion: "success" },
        { name: "Slipway / preview", conclusion: "failure" },
      ]);
      expectDeploy(scope, { environment: "production", sha: SHA, deploymentId: DEPLOYMENT_ID, archive: await siteArchive(SHA) });
      expectAnswer(scope, true, { sticky: "new" });
      const log = recordCalls(scope);

      expect(await runCommand(commandJob({ name: "deploy", environment: "production" }, "mona"), ctx)).toMatchObject({ state: "succeeded" });

      allUsed(scope);
      expect(reactionsOf(log)).toEqual(["eyes", "rocket"]);
      expect(await stores.environments.get(OWNER, REPO, "production")).toMatchObject({ state: "active", sha: SHA });
    });
  });

  describe("locks", () => {
    async function lockedByAlice(): Promise<void> {
      const result = await stores.locks.acquire({ owner: OWNER, repo: REPO, environment: "production", holder: "alice", reason: "release freeze", createdAt: "2026-11-20T09:00:00.000Z" });
      expect(result.acquired).toBe(true);
    }

    it("/lock takes the lock for its author, says so and records it", async () => {
      const scope = github.githubApi();
      expectStart(scope, "alice", "maintain");
      expectAnswer(scope, true);
      const log = recordCalls(scope);

      const job = commandJob({ name: "lock", environment: "production", reason: "release freeze" }, "alice");
      expect(await runCommand(job, ctx)).toMatchObject({ state: "succeeded" });

      allUsed(scope);
      expect(replyOf(log)).toMatch(/^> \/lock production\n/);
      expect(replyOf(log)).toContain("🔒 **production** is locked by @alice (“release freeze”)");
      expect(reactionsOf(log)).toEqual(["eyes", "rocket"]);
      expect(await stores.locks.get(OWNER, REPO, "production")).toMatchObject({ holder: "alice", reason: "release freeze", link: job.commentUrl });
      expect(await stores.audit.list(OWNER, REPO)).toEqual([
        expect.objectContaining({ action: "lock", environment: "production", actor: "alice", result: "success", detail: "release freeze" }),
      ]);
    });

    it("refuses someone else's /deploy of a locked environment, naming the holder, before reading the pull request", async () => {
      await lockedByAlice();
      const scope = github.githubApi();
      expectStart(scope, "bob", "maintain");
      expectAnswer(scope, false);
      const log = recordCalls(scope);

      expect(await runCommand(commandJob({ name: "deploy", environment: "production" }, "bob"), ctx)).toMatchObject({ state: "failed" });

      allUsed(scope);
      expect(replyOf(log)).toContain("**production** is locked by @alice since 2026-11-20 09:00 UTC: “release freeze”. Ask @alice to comment `/unlock production`");
      expect(reactionsOf(log)).toEqual(["eyes", "confused"]);
      expect(log.calls.some((call) => call.includes("/pulls/") || call.includes("/deployments"))).toBe(false);
      expect(await stores.audit.list(OWNER, REPO)).toEqual([expect.objectContaining({ action: "refusal", actor: "bob", result: "refused", detail: "locked by alice" })]);
    });

    it("lets the lock's holder deploy", async () => {
      await lockedByAlice();
      const scope = github.githubApi();
      expectStart(scope, "alice", "maintain");
      command.mockPullRequest(scope, SHA);
      expectDeploy(scope, { environment: "production", sha: SHA, deploymentId: DEPLOYMENT_ID, archive: await siteArchive(SHA) });
      expectAnswer(scope, true, { sticky: "new" });

      expect(await runCommand(commandJob({ name: "deploy", environment: "production" }, "alice"), ctx)).toMatchObject({ state: "succeeded" });

      allUsed(scope);
      expect(await stores.environments.get(OWNER, REPO, "production")).toMatchObject({ sha: SHA, actor: "alice" });
      expect(await stores.locks.get(OWNER, REPO, "production")).toMatchObject({ holder: "alice" });
    });

    it("/unlock by a maintainer who does not hold the lock is refused; by an admin it releases it", async () => {
      await lockedByAlice();
      const byBob = github.githubApi();
      expectStart(byBob, "bob", "maintain");
      expectAnswer(byBob, false);
      const bobLog = recordCalls(byBob);

      expect(await runCommand(commandJob({ name: "unlock", environment: "production" }, "bob"), ctx)).toMatchObject({ state: "failed" });

      allUsed(byBob);
      expect(replyOf(bobLog)).toContain("**production** is locked by @alice");
      expect(replyOf(bobLog)).toContain("Only its holder or an admin can unlock it.");
      expect(await stores.locks.get(OWNER, REPO, "production")).toMatchObject({ holder: "alice" });

      const adminComment = COMMAND_COMMENT_ID + 1;
      const byAdmin = github.githubApi();
      expectStart(byAdmin, "root", "admin", { commentId: adminComment });
      expectAnswer(byAdmin, true, { commentId: adminComment });
      const adminLog = recordCalls(byAdmin);

      expect(await runCommand(commandJob({ name: "unlock", environment: "production" }, "root", { commentId: adminComment }), ctx)).toMatchObject({ state: "succeeded" });

      allUsed(byAdmin);
      expect(replyOf(adminLog)).toContain("🔓 **production** is unlocked.");
      expect(replyOf(adminLog)).toContain(command.replyMarker(adminComment));
      expect(await stores.locks.get(OWNER, REPO, "production")).toBeUndefined();
      expect(await stores.audit.list(OWNER, REPO)).toEqual([
        expect.objectContaining({ action: "unlock", actor: "bob", result: "refused", detail: "held by alice" }),
        expect.objectContaining({ action: "unlock", actor: "root", result: "success", detail: "lock of alice released by an admin" }),
      ]);
    });
  });

  describe("/rollback", () => {
    const FIRST_DEPLOYMENT = 1782034001;
    const SECOND_DEPLOYMENT = 1782034002;
    const ROLLBACK_DEPLOYMENT = 1782034003;

    /** Deploys SHA, then LATER_SHA, to production through the real /deploy path. */
    async function deployTwice(): Promise<void> {
      const deploys = [
        { sha: SHA, deploymentId: FIRST_DEPLOYMENT, commentId: 2326630001, eventAt: "2026-11-20T10:00:00.000Z", replaces: undefined },
        { sha: LATER_SHA, deploymentId: SECOND_DEPLOYMENT, commentId: 2326630002, eventAt: "2026-11-20T11:00:00.000Z", replaces: FIRST_DEPLOYMENT },
      ];
      for (const [index, deploy] of deploys.entries()) {
        const scope = github.githubApi();
        expectStart(scope, "mona", "maintain", { commentId: deploy.commentId });
        command.mockPullRequest(scope, deploy.sha);
        expectDeploy(scope, { environment: "production", sha: deploy.sha, deploymentId: deploy.deploymentId, archive: await siteArchive(deploy.sha), replaces: deploy.replaces });
        expectAnswer(scope, true, { sticky: index === 0 ? "new" : "recorded", commentId: deploy.commentId });
        const job = commandJob({ name: "deploy", environment: "production" }, "mona", { commentId: deploy.commentId, eventAt: deploy.eventAt });
        expect(await runCommand(job, ctx)).toMatchObject({ state: "succeeded" });
        allUsed(scope);
      }
      expect(await stores.environments.get(OWNER, REPO, "production")).toMatchObject({ sha: LATER_SHA, deploymentId: SECOND_DEPLOYMENT });
    }

    function rollbackJob(to?: string): CommandJob {
      return commandJob({ name: "rollback", environment: "production", ...(to ? { to } : {}) }, "mona", { eventAt: "2026-11-20T12:00:00.000Z" });
    }

    /** A rollback to SHA: a Deployment of its own for the earlier commit, and the second one retired. */
    function expectRollbackToFirst(scope: nock.Scope, archive?: Buffer, sticky: "new" | "recorded" = "recorded"): void {
      expectStart(scope, "mona", "maintain");
      expectDeploy(scope, { environment: "production", sha: SHA, deploymentId: ROLLBACK_DEPLOYMENT, replaces: SECOND_DEPLOYMENT, archive });
      expectAnswer(scope, true, { sticky });
    }

    it("points production back at the previous build without downloading anything", async () => {
      await deployTwice();
      const scope = github.githubApi();
      expectRollbackToFirst(scope);
      const log = recordCalls(scope);

      expect(await runCommand(rollbackJob(), ctx)).toMatchObject({ state: "succeeded" });

      allUsed(scope);
      expect(log.calls.some((call) => call.includes("/tarball/"))).toBe(false);
      // Moved first: the only calls before the pointer moved were the config and the permission.
      expect(log.calls.slice(0, 3)).toEqual([
        "GET /repos/acme/web/contents/.github/slipway.yml",
        "GET /repos/acme/web/collaborators/mona/permission",
        `POST /repos/acme/web/issues/comments/${COMMAND_COMMENT_ID}/reactions`,
      ]);
      expect(bodiesOf(log, "POST /repos/acme/web/deployments")).toEqual([expect.objectContaining({ ref: SHA, environment: "production", payload: expect.objectContaining({ slipway: true }) })]);
      expect(await stores.environments.get(OWNER, REPO, "production")).toMatchObject({ state: "active", sha: SHA, deploymentId: ROLLBACK_DEPLOYMENT, actor: "mona" });
      expect(bodiesOf(log, `POST /repos/acme/web/deployments/${SECOND_DEPLOYMENT}/statuses`)).toEqual([expect.objectContaining({ state: "inactive" })]);
      const statuses = bodiesOf(log, `POST /repos/acme/web/deployments/${ROLLBACK_DEPLOYMENT}/statuses`);
      expect(statuses.map((status) => status.state)).not.toContain("failure");
      expect(statuses.at(-1)).toMatchObject({ state: "success", environment_url: PRODUCTION_URL });
      const reply = replyOf(log);
      expect(reply).toMatch(/^> \/rollback production\n/);
      expect(reply).toContain(`Rolled back \`6dcb09b\` to **production**: ${PRODUCTION_URL} (stored build, nothing rebuilt).`);
      expect(reply).toContain("It replaced `9f3c2e1`");
      expect((await stores.audit.list(OWNER, REPO)).at(-1)).toMatchObject({
        action: "rollback",
        environment: "production",
        actor: "mona",
        sha: SHA,
        previousSha: LATER_SHA,
        buildKey: buildKeyOf({ sha: SHA, source: { dir: "site" } }),
        result: "success",
      });
    });

    it("says a commit was never deployed when /rollback names an unknown one", async () => {
      await deployTwice();
      const scope = github.githubApi();
      expectStart(scope, "mona", "maintain");
      expectAnswer(scope, false);
      const log = recordCalls(scope);

      expect(await runCommand(rollbackJob("deadbee"), ctx)).toMatchObject({ state: "failed" });

      allUsed(scope);
      expect(replyOf(log)).toMatch(/^> \/rollback production to deadbee\n/);
      expect(replyOf(log)).toContain("`deadbee` was never deployed to **production**, so there is no build to roll back to (recent: `9f3c2e1`, `6dcb09b`)");
      expect(log.calls.some((call) => call.includes("/deployments"))).toBe(false);
      expect(await stores.environments.get(OWNER, REPO, "production")).toMatchObject({ sha: LATER_SHA });
    });

    it("rolls back to the commit named by a prefix of its SHA", async () => {
      await deployTwice();
      const scope = github.githubApi();
      expectRollbackToFirst(scope);
      const log = recordCalls(scope);

      expect(await runCommand(rollbackJob(SHA.slice(0, 7)), ctx)).toMatchObject({ state: "succeeded" });

      allUsed(scope);
      expect(replyOf(log)).toMatch(/^> \/rollback production to 6dcb09b\n/);
      expect(log.calls.some((call) => call.includes("/tarball/"))).toBe(false);
      expect(await stores.environments.get(OWNER, REPO, "production")).toMatchObject({ sha: SHA, deploymentId: ROLLBACK_DEPLOYMENT });
    });

    it("rebuilds a build whose record is gone from the commit's archive", async () => {
      const goneKey = `${SHA}-gone`;
      await stores.environments.point({
        installationId: 1,
        repoId: 424242,
        owner: OWNER,
        repo: REPO,
        name: "production",
        state: "active",
        sha: LATER_SHA,
        buildKey: buildKeyOf({ sha: LATER_SHA, source: { dir: "site" } }),
        spa: false,
        sourceAt: "2026-11-20T11:00:00.000Z",
        deploymentId: SECOND_DEPLOYMENT,
        url: PRODUCTION_URL,
        actor: "mona",
        updatedAt: "2026-11-20T11:00:00.000Z",
      });
      for (const [sha, at, buildKey] of [
        [SHA, "2026-11-20T10:00:00.000Z", goneKey],
        [LATER_SHA, "2026-11-20T11:00:00.000Z", buildKeyOf({ sha: LATER_SHA, source: { dir: "site" } })],
      ] as const) {
        await stores.audit.append({ id: `seed-${sha}`, owner: OWNER, repo: REPO, environment: "production", action: "deploy", actor: "mona", trigger: "/deploy production", sha, buildKey, result: "success", at });
      }
      expect(await stores.builds.get(OWNER, REPO, goneKey)).toBeUndefined();

      const scope = github.githubApi();
      expectRollbackToFirst(scope, await siteArchive(SHA), "new");
      const log = recordCalls(scope);

      expect(await runCommand(rollbackJob(), ctx)).toMatchObject({ state: "succeeded" });

      allUsed(scope);
      expect(log.calls).toContain(`GET /repos/acme/web/tarball/${SHA}`);
      const rebuilt = buildKeyOf({ sha: SHA, source: { dir: "site" } });
      expect(await stores.builds.get(OWNER, REPO, rebuilt)).toMatchObject({ sha: SHA, files: 1 });
      expect(await stores.environments.get(OWNER, REPO, "production")).toMatchObject({ sha: SHA, buildKey: rebuilt });
      expect(replyOf(log)).not.toContain("stored build");
    });
  });

  describe("/status, /help and invalid commands", () => {
    function environment(name: string, sha: string, actor: string): EnvironmentRecord {
      return {
        installationId: 1,
        repoId: 424242,
        owner: OWNER,
        repo: REPO,
        name,
        state: "active",
        sha,
        buildKey: buildKeyOf({ sha, source: { dir: "site" } }),
        spa: false,
        sourceAt: "2026-11-20T10:00:00.000Z",
        url: `${SITE_BASE_URL}/acme/web/${name}/`,
        actor,
        updatedAt: "2026-11-20T10:30:00.000Z",
      };
    }

    it("/status answers a table of environments with commit, deployer and lock, without a permission check", async () => {
      await stores.environments.point(environment("staging", SHA, "octocat"));
      await stores.environments.point(environment("production", LATER_SHA, "mona"));
      await stores.locks.acquire({ owner: OWNER, repo: REPO, environment: "production", holder: "alice", createdAt: "2026-11-20T09:00:00.000Z" });
      await stores.audit.append({ id: "a1", owner: OWNER, repo: REPO, environment: "production", action: "deploy", actor: "mona", trigger: "push to main", sha: LATER_SHA, result: "success", at: "2026-11-20T10:30:00.000Z" });
      const scope = github.githubApi();
      expectStart(scope, "visitor", undefined);
      expectAnswer(scope, true);
      const log = recordCalls(scope);

      expect(await runCommand(commandJob({ name: "status" }, "visitor"), ctx)).toMatchObject({ state: "succeeded" });

      allUsed(scope);
      const reply = replyOf(log);
      expect(reply).toContain("**Deployments of acme/web**");
      expect(reply).toContain("| Environment | Commit | By | When | Lock | Recent |");
      expect(reply).toContain(`| [staging](${SITE_BASE_URL}/acme/web/staging/) | \`6dcb09b\` | @octocat | 2026-11-20 10:30 UTC | — |`);
      expect(reply).toContain(`| [production](${PRODUCTION_URL}) | \`9f3c2e1\` | @mona | 2026-11-20 10:30 UTC | 🔒 @alice | deploy \`9f3c2e1\` by @mona (success, 2026-11-20 10:30 UTC) |`);
      expect(log.calls.some((call) => call.includes("/permission"))).toBe(false);
    });

    it("/help lists the configured environments and who may deploy to each", async () => {
      const scope = github.githubApi();
      expectStart(scope, "visitor", undefined);
      expectAnswer(scope, true);
      const log = recordCalls(scope);

      expect(await runCommand(commandJob({ name: "help" }, "visitor"), ctx)).toMatchObject({ state: "succeeded" });

      allUsed(scope);
      const reply = replyOf(log);
      expect(reply).toMatch(/^> \/help\n/);
      expect(reply).toContain("| `/deploy [environment]` | Deploy this pull request's head commit (default: `staging`) |");
      expect(reply).toContain("| `production` | `maintain` | push to `main` | not required |");
      expect(reply).toContain("| `staging` | `write` | — | not required |");
      expect(log.calls.some((call) => call.includes("/permission"))).toBe(false);
    });

    it("answers an invalid command with the usage and 😕, without checking a permission", async () => {
      const scope = github.githubApi();
      expectStart(scope, "octocat", undefined);
      expectAnswer(scope, false);
      const log = recordCalls(scope);

      const parsed: Command = { name: "invalid", input: "/deplyo staging", problem: "`/deplyo` is not a Slipway command." };
      expect(await runCommand(commandJob(parsed, "octocat"), ctx)).toMatchObject({ state: "failed" });

      allUsed(scope);
      const reply = replyOf(log);
      expect(reply).toMatch(/^> \/deplyo staging\n/);
      expect(reply).toContain("Could not run `/deplyo staging`: `/deplyo` is not a Slipway command.");
      expect(reply).toContain("The commands are:");
      expect(reply).toContain("- `/deploy [environment]` — deploy this pull request's head commit");
      expect(reactionsOf(log)).toEqual(["eyes", "confused"]);
      expect(log.calls.some((call) => call.includes("/permission"))).toBe(false);
    });
  });

  describe("/preview", () => {
    const FORKS = "preview:\n  source:\n    dir: site\n  forks: approve\n";

    it("/preview by a writer approves a fork's pull request and builds its preview", async () => {
      const scope = github.githubApi();
      expectStart(scope, "mona", "write", { config: FORKS });
      // A fork's own file decides nothing: the default branch's config, read once, serves the preview too.
      command.mockPullRequest(scope, SHA, { fork: true });
      github.mockDeploymentCreated(scope, `pr-${PULL_NUMBER}`);
      github.mockTarball(scope, await siteArchive(SHA));
      github.mockCheckRunCreated(scope, "Slipway / preview");
      command.mockCommentPosted(scope, COMMENT_ID);
      github.mockDeploymentStatuses(scope, 1);
      command.mockCommentPosted(scope, REPLY_ID);
      command.mockReaction(scope, "rocket");
      const log = recordCalls(scope);

      expect(await runCommand(commandJob({ name: "preview" }, "mona"), ctx)).toMatchObject({ state: "succeeded" });

      allUsed(scope);
      const reply = String(bodiesOf(log, `POST ${COMMENTS}`).at(-1)?.body);
      expect(reply).toMatch(/^> \/preview\n/);
      expect(reply).toContain("The preview of `6dcb09b` is ready");
      expect(bodiesOf(log, "POST /repos/acme/web/deployments")[0]).toMatchObject({ environment: `pr-${PULL_NUMBER}`, transient_environment: true });
      expect(await stores.environments.get(OWNER, REPO, `pr-${PULL_NUMBER}`)).toMatchObject({ state: "active", sha: SHA });
      expect(await stores.audit.list(OWNER, REPO)).toEqual([expect.objectContaining({ action: "preview", actor: "mona", trigger: "/preview", sha: SHA, result: "success" })]);
    });

    it("/preview destroy removes the live preview and retires its deployment", async () => {
      await stores.environments.point({
        installationId: 1,
        repoId: 424242,
        owner: OWNER,
        repo: REPO,
        name: `pr-${PULL_NUMBER}`,
        state: "active",
        sha: SHA,
        buildKey: buildKeyOf({ sha: SHA, source: { dir: "site" } }),
        spa: false,
        sourceAt: "2026-11-20T09:00:00.000Z",
        deploymentId: DEPLOYMENT_ID,
        pullNumber: PULL_NUMBER,
        url: `${SITE_BASE_URL}/acme/web/pr-${PULL_NUMBER}/`,
        expiresAt: "2026-11-27T09:00:00.000Z",
        updatedAt: "2026-11-20T09:00:00.000Z",
      });
      const scope = github.githubApi();
      expectStart(scope, "mona", "write");
      github.mockDeploymentStatuses(scope, 1);
      await github.rememberStickyComment(stores, PULL_NUMBER);
      command.mockCommentEdited(scope, COMMENT_ID);
      command.mockCommentPosted(scope, REPLY_ID);
      command.mockReaction(scope, "rocket");
      const log = recordCalls(scope);

      expect(await runCommand(commandJob({ name: "preview-destroy" }, "mona"), ctx)).toMatchObject({ state: "succeeded" });

      allUsed(scope);
      expect(bodiesOf(log, `POST /repos/acme/web/deployments/${DEPLOYMENT_ID}/statuses`)).toEqual([expect.objectContaining({ state: "inactive" })]);
      expect(replyOf(log)).toContain("The preview was removed.");
      expect(await stores.environments.get(OWNER, REPO, `pr-${PULL_NUMBER}`)).toMatchObject({ state: "removed" });
      expect(await stores.audit.list(OWNER, REPO)).toEqual([expect.objectContaining({ action: "teardown", actor: "mona", trigger: "/preview destroy" })]);
    });
  });

  it("edits its reply in place when the same command job runs again", async () => {
    ctx = { ...ctx, now: () => new Date("2026-11-20T10:05:00.000Z") };
    const job = commandJob({ name: "deploy", environment: "staging" }, "octocat");
    const first = github.githubApi();
    expectStart(first, "octocat", "write");
    command.mockPullRequest(first, SHA);
    expectDeploy(first, { environment: "staging", sha: SHA, deploymentId: DEPLOYMENT_ID, archive: await siteArchive(SHA) });
    command.mockCommentPosted(first, REPLY_ID);
    command.mockCommentPosted(first, COMMENT_ID);
    command.mockReaction(first, "rocket");
    await runCommand(job, ctx);
    allUsed(first);

    const again = github.githubApi();
    command.mockReaction(again, "eyes", { existing: true });
    github.mockConfig(again, CONFIG, "default branch");
    command.mockPermission(again, "octocat", "write");
    command.mockPullRequest(again, SHA);
    expectDeploy(again, { environment: "staging", sha: SHA, deploymentId: DEPLOYMENT_ID, recorded: true });
    command.mockCommentEdited(again, REPLY_ID);
    command.mockReaction(again, "rocket", { existing: true });
    const log = recordCalls(again);

    expect(await runCommand(job, ctx)).toMatchObject({ state: "succeeded" });

    allUsed(again);
    expect(log.calls).not.toContain(`POST ${COMMENTS}`);
    const edited = bodiesOf(log, `PATCH /repos/acme/web/issues/comments/${REPLY_ID}`);
    expect(edited).toHaveLength(1);
    expect(String(edited[0]?.body)).toMatch(/^> \/deploy staging\n/);
    expect(String(edited[0]?.body)).toContain(command.replyMarker());
    expect(log.calls.filter((call) => call.startsWith("PATCH "))).toEqual([`PATCH /repos/acme/web/issues/comments/${REPLY_ID}`]);
    expect(bodiesOf(log, `POST /repos/acme/web/deployments/${DEPLOYMENT_ID}/statuses`).at(-1)).toMatchObject({ state: "success" });
  });
});
