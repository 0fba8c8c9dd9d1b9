import nock from "nock";
import reaction from "../../fixtures/github/reaction.json";
import { addReaction } from "../../src/github/add-reaction";
import { testOctokit } from "./test-octokit";

const path = `/repos/acme/web/issues/comments/2326620007/reactions`;
const target = { owner: "acme", repo: "web", commentId: 2326620007 } as const;

describe("addReaction", () => {
  it("adds the reaction (201 Created)", async () => {
    let sent: Record<string, unknown> = {};
    const scope = nock("https://api.github.com")
      .post(path, (body) => ((sent = body), true))
      .reply(201, reaction);

    await expect(addReaction(testOctokit(), { ...target, content: "eyes" })).resolves.toBe(true);
    expect(sent).toEqual({ content: "eyes" });
    scope.done();
  });

  it("is fine when the app already reacted so (200 OK)", async () => {
    const scope = nock("https://api.github.com")
      .post(path, { content: "rocket" })
      .reply(200, { ...reaction, content: "rocket" });

    await expect(addReaction(testOctokit(), { ...target, content: "rocket" })).resolves.toBe(true);
    scope.done();
  });

  it("returns false when the comment was deleted (404)", async () => {
    const scope = nock("https://api.github.com").post(path).reply(404, {
      message: "Not Found",
      documentation_url: "https://docs.github.com/rest/reactions/reactions#create-reaction-for-an-issue-comment",
      status: "404",
    });

    await expect(addReaction(testOctokit(), { ...target, content: "confused" })).resolves.toBe(false);
    scope.done();
  });

  it("returns false when the conversation is gone (410)", async () => {
    const scope = nock("https://api.github.com").post(path).reply(410, {
      message: "Gone",
      documentation_url: "https://docs.github.com/rest/reactions/reactions#create-reaction-for-an-issue-comment",
      status: "410",
    });

    await expect(addReaction(testOctokit(), { ...target, content: "+1" })).resolves.toBe(false);
    scope.done();
  });

  it("throws when GitHub fails (500)", async () => {
    const scope = nock("https://api.github.com").post(path).reply(500, { message: "Server Error" });

    await expect(addReaction(testOctokit(), { ...target, content: "eyes" })).rejects.toMatchObject({ status: 500 });
    scope.done();
  });
});
