import nock from "nock";
import botComment from "../../fixtures/github/issue-comment.json";
import humanComment from "../../fixtures/github/issue-comment-human.json";
import { stickyMarker, upsertStickyComment } from "../../src/github/upsert-sticky-comment";
import { testOctokit } from "./test-octokit";

const marker = stickyMarker("deployments");
const commentsPath = "/repos/acme/web/issues/12/comments";
const target = { owner: "acme", repo: "web", issueNumber: 12, marker } as const;

/** Another comment on the pull request, by a person, without the marker. */
function chatter(id: number) {
  return { ...humanComment, id, body: `Comment number ${id}` };
}

describe("stickyMarker", () => {
  it("is a hidden HTML comment naming the key", () => {
    expect(marker).toBe("<!-- slipway:sticky:deployments -->");
  });

  it("refuses a key that could end the HTML comment", () => {
    expect(() => stickyMarker("a-->b")).toThrow(/invalid/);
  });
});

describe("upsertStickyComment", () => {
  it("finds the bot's comment on the second page and edits it", async () => {
    const firstPage = Array.from({ length: 100 }, (_, i) => chatter(1000 + i));
    let sent: { body?: string } = {};
    const scope = nock("https://api.github.com")
      .get(commentsPath)
      .query({ per_page: "100" })
      .reply(200, firstPage, {
        Link: `<https://api.github.com/repositories/759963101/issues/12/comments?per_page=100&page=2>; rel="next", <https://api.github.com/repositories/759963101/issues/12/comments?per_page=100&page=3>; rel="last"`,
      })
      .get("/repositories/759963101/issues/12/comments")
      .query({ per_page: "100", page: "2" })
      .reply(200, [chatter(2000), botComment], {
        Link: `<https://api.github.com/repositories/759963101/issues/12/comments?per_page=100&page=3>; rel="next", <https://api.github.com/repositories/759963101/issues/12/comments?per_page=100&page=1>; rel="first"`,
      })
      // No page 3 is mocked: the search must stop once the comment is found.
      .patch(`/repos/acme/web/issues/comments/${botComment.id}`, (body) => ((sent = body), true))
      .reply(200, { ...botComment, body: "new" });

    const result = await upsertStickyComment(testOctokit(), { ...target, body: "| pr-12 | live |" });

    expect(result).toEqual({ id: botComment.id, created: false, htmlUrl: botComment.html_url });
    expect(sent.body).toBe(`| pr-12 | live |\n\n${marker}`);
    scope.done();
  });

  it("does not take over a person's comment that quotes the marker", async () => {
    let sent: { body?: string } = {};
    const scope = nock("https://api.github.com")
      .get(commentsPath)
      .query({ per_page: "100" })
      .reply(200, [humanComment])
      .post(commentsPath, (body) => ((sent = body), true))
      .reply(201, { ...botComment, id: 2326700001, html_url: "https://github.com/acme/web/pull/12#issuecomment-2326700001" });

    const result = await upsertStickyComment(testOctokit(), { ...target, body: `${marker}\n| pr-12 | live |` });

    expect(humanComment.body).toContain(marker);
    expect(result).toEqual({
      id: 2326700001,
      created: true,
      htmlUrl: "https://github.com/acme/web/pull/12#issuecomment-2326700001",
    });
    // The marker was already in the body, so it is not added twice.
    expect(sent.body).toBe(`${marker}\n| pr-12 | live |`);
    scope.done();
  });

  it("sends nothing when the comment already says the same", async () => {
    const scope = nock("https://api.github.com").get(commentsPath).query({ per_page: "100" }).reply(200, [botComment]);

    const result = await upsertStickyComment(testOctokit(), { ...target, body: botComment.body });

    expect(result).toEqual({ id: botComment.id, created: false, htmlUrl: botComment.html_url });
    scope.done();
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("creates the comment, with its marker, when the pull request has none", async () => {
    let sent: { body?: string } = {};
    const scope = nock("https://api.github.com")
      .get(commentsPath)
      .query({ per_page: "100" })
      .reply(200, [])
      .post(commentsPath, (body) => ((sent = body), true))
      .reply(201, botComment);

    const result = await upsertStickyComment(testOctokit(), { ...target, body: "Preview is building." });

    expect(result.created).toBe(true);
    expect(sent.body).toBe(`Preview is building.\n\n${marker}`);
    scope.done();
  });
});
