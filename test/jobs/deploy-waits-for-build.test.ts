import { runCommand } from "../../src/jobs/command/run-command";
import type { CommandJob } from "../../src/jobs/command/command-job";
import type { JobContext } from "../../src/jobs/job-context";
import type { Stores } from "../../src/store/stores";
import { JobDeferredError } from "../../src/util/job-deferred-error";
import { mockNoRunYet } from "../helpers/artifact-api";
import * as command from "../helpers/command-api";
import { recordCalls } from "../helpers/github-api";
import { testJobContext } from "../helpers/job-context";
import * as github from "../helpers/preview-api";
import { testStores } from "../helpers/test-stores";

const { SHA } = github;
const CONFIG = "preview:\n  source:\n    artifact:\n      workflow: build.yml\n      name: site\nenvironments:\n  staging:\n    permission: write\n";
const ASKED_AT = "2026-11-20T10:00:00.000Z";
const MINUTE = 60 * 1000;

function deployJob(): CommandJob {
  return {
    kind: "command",
    repository: { installationId: 1, repoId: 424242, owner: "acme", repo: "web" },
    pullNumber: command.PULL_NUMBER,
    commentId: command.COMMAND_COMMENT_ID,
    commentUrl: `https://github.com/acme/web/pull/${command.PULL_NUMBER}#issuecomment-${command.COMMAND_COMMENT_ID}`,
    actor: "octocat",
    command: { name: "deploy", environment: "staging" },
    eventAt: ASKED_AT,
  };
}

describe("/deploy of a commit whose artifact is not there yet", () => {
  let stores: Stores;
  let close: () => void;

  beforeEach(async () => {
    ({ stores, close } = await testStores());
  });

  afterEach(() => close());

  async function contextAt(minutesAfterComment: number): Promise<JobContext> {
    return testJobContext(stores, { now: () => new Date(Date.parse(ASKED_AT) + minutesAfterComment * MINUTE), jobId: "deploy-job" });
  }

  function expectUpToTheBuild(): ReturnType<typeof github.githubApi> {
    const scope = github.githubApi();
    github.mockConfig(scope, CONFIG, "default branch");
    command.mockPermission(scope, "octocat", "write");
    command.mockPullRequest(scope, SHA);
    return mockNoRunYet(scope, SHA);
  }

  it("waits on the queue, looking again in a minute, without answering or moving anything", async () => {
    const scope = expectUpToTheBuild();
    const ctx = await contextAt(5);

    const error = await runCommand(deployJob(), ctx).then(() => undefined, (thrown: unknown) => thrown);

    scope.done();
    expect(error).toBeInstanceOf(JobDeferredError);
    expect((error as JobDeferredError).retryAt.toISOString()).toBe("2026-11-20T10:06:00.000Z");
    expect((error as JobDeferredError).reason).toBe("waiting for build.yml to upload the artifact");
    expect(await stores.environments.get("acme", "web", "staging")).toBeUndefined();
    // The claim is given back, so another deploy is not told the environment is busy.
    expect(await stores.claims.claim("acme", "web", "staging", { jobId: "other", until: new Date(Date.now() + MINUTE) }, new Date())).toBe(true);
  });

  it("answers why once it has waited 30 minutes", async () => {
    const scope = expectUpToTheBuild();
    command.mockReaction(scope, "eyes");
    command.mockCommentPosted(scope, command.REPLY_ID);
    command.mockReaction(scope, "confused");
    const log = recordCalls(scope);

    const outcome = await runCommand(deployJob(), await contextAt(30));

    scope.done();
    expect(outcome.state).toBe("failed");
    const reply = String(log.bodies.find((entry) => entry.call === `POST /repos/acme/web/issues/${command.PULL_NUMBER}/comments`)?.body.body);
    expect(reply).toContain(
      "`6dcb09b` was not deployed to **staging**: Slipway waited 30 minutes for its build and it is still not there. Waiting for build.yml: no run of it for commit 6dcb09b has succeeded yet.",
    );
  });
});

describe("/preview of a fork's pull request whose artifact comes from a workflow", () => {
  let stores: Stores;
  let close: () => void;

  beforeEach(async () => {
    ({ stores, close } = await testStores());
  });

  afterEach(() => close());

  it("builds nothing when the fork changes that workflow file, and says why", async () => {
    const scope = github.githubApi();
    command.mockReaction(scope, "eyes");
    github.mockConfig(scope, CONFIG, "default branch");
    command.mockPermission(scope, "hubot", "maintain");
    command.mockPullRequest(scope, SHA, { fork: true });
    scope.get(`/repos/acme/web/pulls/${command.PULL_NUMBER}/files`).query({ per_page: "100" }).reply(200, [{ filename: ".github/workflows/build.yml", status: "modified" }]);
    command.mockCommentPosted(scope, command.REPLY_ID);
    command.mockReaction(scope, "confused");
    const log = recordCalls(scope);

    const outcome = await runCommand({ ...deployJob(), actor: "hubot", command: { name: "preview" } }, await testJobContext(stores));

    scope.done();
    expect(outcome.state).toBe("failed");
    expect(log.calls).not.toContain("POST /repos/acme/web/deployments");
    const reply = String(log.bodies.find((entry) => entry.call === `POST /repos/acme/web/issues/${command.PULL_NUMBER}/comments`)?.body.body);
    expect(reply).toContain("This pull request comes from a fork and changes `.github/workflows/build.yml`, the workflow whose artifact the preview serves, so its build is not trusted");
  });
});
