import nock from "nock";
import botComment from "../../fixtures/github/issue-comment.json";
import humanComment from "../../fixtures/github/issue-comment-human.json";
import { replyToComment } from "../../src/github/reply-to-comment";
import { testOctokit } from "./test-octokit";

const commentsPath = "/repos/acme/web/issues/12/comments";
const command = { owner: "acme", repo: "web", issueNumber: 12, commentId: humanComment.id, quote: "/deploy staging" } as const;
const marker = `<!-- slipway:sticky:reply:${humanComment.id} -->`;
const replyId = 2326621188;
const replyUrl = `https://github.com/acme/web/pull/12#issuecomment-${replyId}`;

describe("replyToComment", () => {
  it("answers once, then edits the same answer when the job runs again", async () => {
    const sent: { body?: string }[] = [];
    const reply = (body: string) => ({ ...botComment, id: replyId, html_url: replyUrl, body });
    const firstBody = `> /deploy staging\n\nDeploying 6dcb09b to staging.\n\n${marker}`;
    const secondBody = `> /deploy staging\n\nDeployed 6dcb09b to staging.\n\n${marker}`;
    const scope = nock("https://api.github.com")
      .get(commentsPath)
      .query({ per_page: "100" })
      .reply(200, [humanComment, botComment])
      .post(commentsPath, (body) => (sent.push(body), true))
      .reply(201, reply(firstBody))
      .get(commentsPath)
      .query({ per_page: "100" })
      .reply(200, [humanComment, botComment, reply(firstBody)])
      .patch(`/repos/acme/web/issues/comments/${replyId}`, (body) => (sent.push(body), true))
      .reply(200, reply(secondBody));

    const first = await replyToComment(testOctokit(), { ...command, body: "Deploying 6dcb09b to staging." });
    const second = await replyToComment(testOctokit(), { ...command, body: "Deployed 6dcb09b to staging." });

    expect(first).toEqual({ id: replyId, htmlUrl: replyUrl });
    expect(second).toEqual({ id: replyId, htmlUrl: replyUrl });
    expect(sent).toEqual([{ body: firstBody }, { body: secondBody }]);
    scope.done();
  });

  it("does not edit the answer to another command", async () => {
    const otherAnswer = { ...botComment, id: replyId, body: "> /status\n\nAll quiet.\n\n<!-- slipway:sticky:reply:2326600001 -->" };
    let sent: { body?: string } = {};
    const scope = nock("https://api.github.com")
      .get(commentsPath)
      .query({ per_page: "100" })
      .reply(200, [otherAnswer])
      .post(commentsPath, (body) => ((sent = body), true))
      .reply(201, { ...botComment, id: replyId + 1 });

    const result = await replyToComment(testOctokit(), { ...command, body: "Deploying." });

    expect(result.id).toBe(replyId + 1);
    expect(sent.body).toContain(marker);
    scope.done();
  });

  it("quotes one line, and cannot be made to carry another comment's marker", async () => {
    let sent: { body?: string } = {};
    const scope = nock("https://api.github.com")
      .get(commentsPath)
      .query({ per_page: "100" })
      .reply(200, [])
      .post(commentsPath, (body) => ((sent = body), true))
      .reply(201, botComment);

    await replyToComment(testOctokit(), {
      ...command,
      quote: "/lock production <!-- slipway:sticky:deployments -->\r\nsecond line",
      body: "Locked.",
    });

    expect(sent.body).toBe(`> /lock production &lt;!-- slipway:sticky:deployments -->\n\nLocked.\n\n${marker}`);
    expect(sent.body).not.toContain("<!-- slipway:sticky:deployments");
    scope.done();
  });
});
