import { jobId } from "../helpers/job-ids";
import { planPullRequest } from "../../src/webhook/plan-pull-request";
import { pullRequestPayload } from "../helpers/webhook-fixtures";

describe("planPullRequest", () => {
  it("plans a preview of the head commit when a pull request is opened", () => {
    const plan = planPullRequest(pullRequestPayload("opened"));
    expect(plan.jobs).toEqual([
      {
        kind: "preview",
        repository: { installationId: 1, repoId: 186853002, owner: "Codertocat", repo: "Hello-World", private: false },
        pullNumber: 2,
        headSha: "ec26c3e57ca3a959ca5aad62de7213c562f8c821",
        headRef: "changes",
        fork: false,
        actor: "Codertocat",
        eventAt: "2019-05-15T15:20:33.000Z",
      },
    ]);
    expect(plan.pullRequest).toMatchObject({ pullNumber: 2, headSha: "ec26c3e57ca3a959ca5aad62de7213c562f8c821", state: "open" });
  });

  it.each(["synchronize", "reopened"] as const)("plans a preview on %s", (action) => {
    expect(planPullRequest(pullRequestPayload(action)).jobs.map((job) => job.kind)).toEqual(["preview"]);
  });

  it("plans a teardown when the pull request closes, and records it closed", () => {
    const plan = planPullRequest(pullRequestPayload("closed"));
    expect(plan.jobs).toEqual([
      expect.objectContaining({ kind: "teardown", pullNumber: 2, reason: "closed", eventAt: "2019-05-15T15:21:18.000Z" }),
    ]);
    expect(plan.pullRequest?.state).toBe("closed");
  });

  it("marks a pull request from another repository as a fork", () => {
    const payload = pullRequestPayload("opened");
    payload.pull_request.head.repo = { ...payload.pull_request.head.repo!, id: 999, full_name: "stranger/Hello-World" };
    expect(planPullRequest(payload).jobs[0]).toMatchObject({ fork: true });
  });

  it("treats a pull request whose fork was deleted as a fork", () => {
    const payload = pullRequestPayload("opened");
    (payload.pull_request.head as { repo: unknown }).repo = null;
    expect(planPullRequest(payload).jobs[0]).toMatchObject({ fork: true });
  });

  it("plans nothing for actions that change no code", () => {
    const payload = { ...pullRequestPayload("opened"), action: "labeled" } as never;
    expect(planPullRequest(payload)).toEqual({ jobs: [] });
  });

  it("plans nothing without an installation (not an app delivery)", () => {
    const payload = pullRequestPayload("opened");
    delete payload.installation;
    expect(planPullRequest(payload)).toEqual({ jobs: [] });
  });

  it("gives the same event the same job id, and another commit another id", () => {
    const first = planPullRequest(pullRequestPayload("opened")).jobs[0]!;
    const again = planPullRequest(pullRequestPayload("opened")).jobs[0]!;
    const other = { ...first, headSha: "f".repeat(40) };
    expect(jobId(again)).toBe(jobId(first));
    expect(jobId(other)).not.toBe(jobId(first));
  });
});
