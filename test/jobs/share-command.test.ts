import nock from "nock";
import { buildFileKey } from "../../src/blobs/blob-store";
import { buildKeyOf } from "../../src/deploy/ensure-build";
import type { Permission } from "../../src/github/get-permission";
import { runCommand } from "../../src/jobs/command/run-command";
import type { CommandJob } from "../../src/jobs/command/command-job";
import type { JobContext } from "../../src/jobs/job-context";
import { deriveSessionKeys } from "../../src/site/access/session-keys";
import { secretId } from "../../src/site/access/secret-id";
import { serveSite } from "../../src/site/serve-site";
import type { SiteDeps } from "../../src/site/site-deps";
import type { Command } from "../../src/slash-command/command";
import type { Stores } from "../../src/store/stores";
import * as command from "../helpers/command-api";
import { recordCalls, type CallLog } from "../helpers/github-api";
import { SITE_BASE_URL, testJobContext } from "../helpers/job-context";
import * as github from "../helpers/preview-api";
import { testStores } from "../helpers/test-stores";

const { OWNER, REPO, SHA } = github;
const { PULL_NUMBER, COMMAND_COMMENT_ID, REPLY_ID } = command;
const NOW = new Date("2026-11-20T10:00:00.000Z");
const DAY = 24 * 60 * 60 * 1000;
const DOMAIN = "previews.example.test";
const COMMENTS = `/repos/${OWNER}/${REPO}/issues/${PULL_NUMBER}/comments`;

/** Every command is a comment of its own, answered by a reply of its own. */
let commentId = COMMAND_COMMENT_ID;

function commandJob(parsed: Command, actor: string): CommandJob {
  commentId += 1;
  return {
    kind: "command",
    repository: { installationId: 1, repoId: 424242, owner: OWNER, repo: REPO, private: true },
    pullNumber: PULL_NUMBER,
    commentId,
    commentUrl: `https://github.com/${OWNER}/${REPO}/pull/${PULL_NUMBER}#issuecomment-${commentId}`,
    actor,
    command: parsed,
    eventAt: NOW.toISOString(),
  };
}

/** 👀, the default branch's configuration, the commenter's permission, then the reply and 🚀 or 😕. */
function mockCommand(scope: nock.Scope, actor: string, role: Permission, ok: boolean): void {
  command.mockReaction(scope, "eyes", { commentId: commentId + 1 });
  github.mockConfig(scope, "preview:\n  source:\n    dir: site\n", "default branch");
  command.mockPermission(scope, actor, role);
  command.mockCommentPosted(scope, REPLY_ID);
  command.mockReaction(scope, ok ? "rocket" : "confused", { commentId: commentId + 1 });
}

function replyOf(log: CallLog): string {
  return String(log.bodies.find((entry) => entry.call === `POST ${COMMENTS}`)?.body.body);
}

describe("/preview share and /preview unshare", () => {
  let stores: Stores;
  let close: () => void;
  let ctx: JobContext;
  let site: SiteDeps;

  beforeEach(async () => {
    ({ stores, close } = await testStores());
    ctx = await testJobContext(stores, { siteDomain: DOMAIN, now: () => NOW });
    site = {
      environments: stores.environments,
      blobs: ctx.blobs,
      siteHosts: stores.siteHosts,
      sites: { baseUrl: SITE_BASE_URL, domain: DOMAIN },
      access: { keys: deriveSessionKeys("the session secret of these tests, 32+ characters"), shareLinks: stores.shareLinks, handoffs: stores.handoffs },
      now: () => NOW,
    };
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
      pullNumber: PULL_NUMBER,
      url: `http://pr-${PULL_NUMBER}--web--acme.${DOMAIN}/`,
      private: true,
      updatedAt: "2026-11-20T09:00:00.000Z",
    });
    await ctx.blobs.put(buildFileKey(OWNER, REPO, buildKeyOf({ sha: SHA, source: { dir: "site" } }), "index.html"), Buffer.from("<h1>pr-12</h1>"), "text/html; charset=utf-8");
  });
  afterEach(() => close());

  async function share(days?: number) {
    const scope = github.githubApi();
    mockCommand(scope, "mona", "write", true);
    const log = recordCalls(scope);
    const outcome = await runCommand(commandJob({ name: "preview-share", ...(days === undefined ? {} : { days }) }, "mona"), ctx);
    scope.done();
    const link = /^(http:\/\/\S+\/\.slipway\/share\/([\w-]{43}))$/m.exec(replyOf(log));
    return { outcome, reply: replyOf(log), link: link?.[1] ?? "", token: link?.[2] ?? "" };
  }

  /** Opens the link in a browser with no GitHub account and fetches the preview with the cookie it set. */
  async function open(link: string) {
    const url = new URL(link);
    const opened = await serveSite({ method: "GET", host: url.host, path: url.pathname }, site);
    const cookie = opened.cookies?.[0]?.split(";")[0];
    const page = await serveSite({ method: "GET", host: url.host, path: "/", cookie }, site);
    return { opened, page };
  }

  it("answers a writer with a link to this preview on its own origin, valid for the days asked, storing only the token's hash", async () => {
    const { outcome, reply, link, token } = await share(3);

    expect(link).toBe(`http://pr-12--web--acme.${DOMAIN}/.slipway/share/${token}`);
    expect(reply).toMatch(/^> \/preview share 3\n/);
    expect(reply).toContain("valid until 2026-11-23 10:00 UTC");
    expect(reply).toContain("Anyone with this link can open this preview, and nothing else, without a GitHub account.");
    expect(outcome).toMatchObject({ state: "succeeded" });
    // The token is in the reply only: not in the job's result, not in the audit trail.
    expect(outcome.result).not.toContain(token);
    const stored = await stores.shareLinks.get(OWNER, REPO, "pr-12", secretId(token), NOW);
    expect(stored).toEqual({ owner: OWNER, repo: REPO, environment: "pr-12", id: secretId(token), createdBy: "mona", createdAt: NOW.toISOString(), expiresAt: new Date(NOW.getTime() + 3 * DAY).toISOString() });
    const audit = await stores.audit.list(OWNER, REPO);
    expect(audit).toEqual([expect.objectContaining({ action: "share", actor: "mona", environment: "pr-12", trigger: "/preview share 3", result: "success" })]);
    expect(JSON.stringify(audit)).not.toContain(token);

    const { opened } = await open(link);
    expect(opened.status).toBe(303);
  });

  it("lasts seven days unless told otherwise", async () => {
    const { token } = await share();
    expect((await stores.shareLinks.get(OWNER, REPO, "pr-12", secretId(token), NOW))?.expiresAt).toBe(new Date(NOW.getTime() + 7 * DAY).toISOString());
  });

  it("refuses someone without write permission, with the refusal audited", async () => {
    const scope = github.githubApi();
    mockCommand(scope, "visitor", "read", false);
    const log = recordCalls(scope);

    expect(await runCommand(commandJob({ name: "preview-share" }, "visitor"), ctx)).toMatchObject({ state: "failed" });
    scope.done();
    expect(replyOf(log)).toContain("This needs **write** permission on acme/web");
    expect(replyOf(log)).not.toContain("/.slipway/share/");
    expect(await stores.audit.list(OWNER, REPO)).toEqual([expect.objectContaining({ action: "refusal", actor: "visitor", trigger: "/preview share", detail: "needs write, has read" })]);
  });

  it("says there is nothing to share when the pull request has no live preview", async () => {
    await stores.environments.remove(OWNER, REPO, `pr-${PULL_NUMBER}`, "2026-11-20T09:30:00.000Z", NOW);
    const scope = github.githubApi();
    mockCommand(scope, "mona", "write", false);
    const log = recordCalls(scope);

    await runCommand(commandJob({ name: "preview-share" }, "mona"), ctx);
    scope.done();
    expect(replyOf(log)).toContain("This pull request has no live preview to share.");
  });

  it("/preview unshare revokes every link at once, audited, and the links open nothing any more", async () => {
    const first = await share();
    const second = await share(1);
    const before = await open(first.link);
    expect([before.page.status, before.page.body.toString()]).toEqual([200, "<h1>pr-12</h1>"]);

    const scope = github.githubApi();
    mockCommand(scope, "mona", "write", true);
    const log = recordCalls(scope);
    await runCommand(commandJob({ name: "preview-unshare" }, "mona"), ctx);
    scope.done();

    expect(replyOf(log)).toContain("Revoked 2 share links of this preview");
    // Every entry here has the same time, so the trail is searched rather than read in order.
    expect((await stores.audit.list(OWNER, REPO)).find((entry) => entry.action === "unshare")).toMatchObject({ action: "unshare", actor: "mona", trigger: "/preview unshare", detail: "2 live share links revoked", result: "success" });
    for (const { link } of [first, second]) {
      const { opened } = await open(link);
      expect(opened.status).toBe(404);
    }
  });
});
