import type { IssueCommentCreatedEvent, PushEvent } from "@octokit/webhooks-types";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { planIssueComment } from "../../src/webhook/plan-issue-comment";
import { planPush } from "../../src/webhook/plan-push";

function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(join(__dirname, "..", "..", "fixtures", "webhooks", `${name}.json`), "utf8")) as T;
}

/** The recorded comment, on a pull request (GitHub sets `issue.pull_request` there). */
function comment(body: string): IssueCommentCreatedEvent {
  const payload = fixture<IssueCommentCreatedEvent>("issue_comment.created");
  payload.issue.pull_request = { url: "https://api.github.com/repos/Codertocat/Hello-World/pulls/1", html_url: "", diff_url: "", patch_url: "" } as never;
  payload.comment.body = body;
  return payload;
}

describe("planIssueComment", () => {
  it("turns a slash command on a pull request into a command job", () => {
    expect(planIssueComment(comment("/deploy staging")).jobs).toEqual([
      {
        kind: "command",
        repository: { installationId: 1, repoId: 186853002, owner: "Codertocat", repo: "Hello-World", private: false },
        pullNumber: 1,
        commentId: 492700400,
        commentUrl: "https://github.com/Codertocat/Hello-World/issues/1#issuecomment-492700400",
        actor: "Codertocat",
        command: { name: "deploy", environment: "staging" },
        eventAt: "2019-05-15T15:20:21.000Z",
      },
    ]);
  });

  it("ignores ordinary comments", () => {
    expect(planIssueComment(comment("Looks good to me!")).jobs).toEqual([]);
  });

  it("ignores commands on issues, which have no pull request", () => {
    const payload = comment("/deploy");
    delete payload.issue.pull_request;
    expect(planIssueComment(payload).jobs).toEqual([]);
  });

  it("never takes a bot's comment, Slipway's own included, as a command", () => {
    const payload = comment("/deploy production");
    payload.comment.user.type = "Bot";
    payload.sender.type = "Bot";
    expect(planIssueComment(payload).jobs).toEqual([]);
  });
});

describe("planPush", () => {
  it("plans a push job for a branch and records the branch head", () => {
    const plan = planPush(fixture<PushEvent>("push"));
    expect(plan.jobs).toEqual([
      expect.objectContaining({ kind: "push", branch: "master", headSha: "6113728f27ae82c7b1a177c8d03f9e96e0adf246", eventAt: "2019-05-15T15:20:57.000Z" }),
    ]);
    expect(plan.branch).toMatchObject({ branch: "master", headSha: "6113728f27ae82c7b1a177c8d03f9e96e0adf246" });
  });

  it("skips a push whose head commit says [skip deploy], but still records the head", () => {
    const payload = fixture<PushEvent>("push");
    payload.head_commit!.message = "Fix typo [skip deploy]";
    const plan = planPush(payload);
    expect(plan.jobs).toEqual([]);
    expect(plan.branch?.headSha).toBe(payload.after);
  });

  it("plans nothing for tags and deleted branches", () => {
    expect(planPush({ ...fixture<PushEvent>("push"), ref: "refs/tags/v1.0.0" }).jobs).toEqual([]);
    expect(planPush({ ...fixture<PushEvent>("push"), deleted: true }).jobs).toEqual([]);
  });
});
