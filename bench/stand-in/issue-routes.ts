import { z } from "zod";
import { BOT, githubTime, type IssueComment, type Reaction, type Repository } from "./model";
import { json, notFound, paged, parseBody, repositoryOf, type Route, type RouteRequest } from "./route";
import { commentShape, reactionShape } from "./shapes";

const COMMENT_LIMIT = 65536;
const CommentBody = z.object({ body: z.string().min(1).max(COMMENT_LIMIT) });
const ReactionBody = z.object({ content: z.enum(["+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes"]) });

function findComment(request: RouteRequest, repository: Repository): IssueComment | undefined {
  return repository.comments.find((comment) => String(comment.id) === request.params.comment_id);
}

/** Pull request conversations: comments (create, edit, read, delete, list paged) and reactions. */
export const ISSUE_ROUTES: Route[] = [
  {
    method: "GET",
    template: "/repos/{owner}/{repo}/issues/{issue_number}/comments",
    auth: "installation",
    handle(request, context) {
      const repository = repositoryOf(request, context);
      const number = Number(request.params.issue_number);
      if (!repository || !repository.pulls.has(number)) return notFound();
      const since = request.query.get("since");
      const comments = repository.comments.filter((comment) => comment.issueNumber === number && (!since || comment.updatedAt >= since));
      return paged(comments, request, (comment) => commentShape(request.site, repository, comment));
    },
  },
  {
    method: "POST",
    template: "/repos/{owner}/{repo}/issues/{issue_number}/comments",
    auth: "installation",
    handle(request, context) {
      const repository = repositoryOf(request, context);
      const number = Number(request.params.issue_number);
      if (!repository || !repository.pulls.has(number)) return notFound();
      const body = parseBody(CommentBody, request);
      if (!body.ok) return body.answer;
      const now = githubTime();
      const comment: IssueComment = { id: context.model.nextId("comment"), issueNumber: number, body: body.value.body, user: BOT, createdAt: now, updatedAt: now };
      repository.comments.push(comment);
      return json(201, commentShape(request.site, repository, comment));
    },
  },
  {
    method: "GET",
    template: "/repos/{owner}/{repo}/issues/comments/{comment_id}",
    auth: "installation",
    handle(request, context) {
      const repository = repositoryOf(request, context);
      const comment = repository && findComment(request, repository);
      return repository && comment ? json(200, commentShape(request.site, repository, comment)) : notFound();
    },
  },
  {
    method: "PATCH",
    template: "/repos/{owner}/{repo}/issues/comments/{comment_id}",
    auth: "installation",
    handle(request, context) {
      const repository = repositoryOf(request, context);
      const comment = repository && findComment(request, repository);
      if (!repository || !comment) return notFound();
      // Only the author edits a comment through the API; an app cannot edit a person's.
      if (comment.user.type !== "Bot") return json(403, { message: "Must have admin rights to Repository." });
      const body = parseBody(CommentBody, request);
      if (!body.ok) return body.answer;
      comment.body = body.value.body;
      comment.updatedAt = githubTime();
      return json(200, commentShape(request.site, repository, comment));
    },
  },
  {
    method: "DELETE",
    template: "/repos/{owner}/{repo}/issues/comments/{comment_id}",
    auth: "installation",
    handle(request, context) {
      const repository = repositoryOf(request, context);
      const comment = repository && findComment(request, repository);
      if (!repository || !comment) return notFound();
      repository.comments.splice(repository.comments.indexOf(comment), 1);
      return { status: 204, raw: "" };
    },
  },
  {
    // 201 for a new reaction, 200 when the app already reacted so (GitHub keeps one).
    method: "POST",
    template: "/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions",
    auth: "installation",
    handle(request, context) {
      const repository = repositoryOf(request, context);
      const comment = repository && findComment(request, repository);
      if (!repository || !comment) return notFound();
      const body = parseBody(ReactionBody, request);
      if (!body.ok) return body.answer;
      const existing = repository.reactions.find((reaction) => reaction.commentId === comment.id && reaction.content === body.value.content && reaction.user.login === BOT.login);
      if (existing) return json(200, reactionShape(existing));
      const reaction: Reaction = { id: context.model.nextId("reaction"), commentId: comment.id, content: body.value.content, user: BOT, createdAt: githubTime() };
      repository.reactions.push(reaction);
      return json(201, reactionShape(reaction));
    },
  },
  {
    method: "GET",
    template: "/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions",
    auth: "installation",
    handle(request, context) {
      const repository = repositoryOf(request, context);
      const comment = repository && findComment(request, repository);
      if (!repository || !comment) return notFound();
      const content = request.query.get("content");
      return paged(
        repository.reactions.filter((reaction) => reaction.commentId === comment.id && (!content || reaction.content === content)),
        request,
        reactionShape,
      );
    },
  },
];
