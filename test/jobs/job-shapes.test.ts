import { JOB_KINDS } from "../../src/job-kinds";
import { JOB_SHAPES } from "../../src/job-shapes";
import { InvalidJobError } from "../../src/jobs/job-registry";
import { planPullRequest } from "../../src/webhook/plan-pull-request";
import { planRelease } from "../../src/webhook/plan-release";
import { pullRequestPayload, releasePublishedPayload } from "../helpers/webhook-fixtures";

// The webhook path and the sweeper name jobs with the shapes; the worker loads them with the
// kinds. A kind missing from either list, or named differently, would strand its jobs.
describe("job shapes and job kinds", () => {
  it("list the same kinds, in the same order", () => {
    expect(JOB_SHAPES.kinds()).toEqual(JOB_KINDS.kinds());
    expect(JOB_SHAPES.kinds()).toHaveLength(11);
  });

  it.each([
    ["a preview", () => planPullRequest(pullRequestPayload("opened")).jobs],
    ["a publish", () => planRelease(releasePublishedPayload()).jobs],
  ])("give %s job the same id and group in the webhook path as in the worker", (_, jobs) => {
    const planned = jobs();
    expect(planned.length).toBeGreaterThan(0);
    for (const job of planned) {
      const named = JOB_SHAPES.load(job);
      const loaded = JOB_KINDS.load(job);
      expect({ id: named.id, group: named.group }).toEqual({ id: loaded.id, group: loaded.group });
      expect(named.id).toMatch(/^[0-9a-f]{32}$/);
    }
  });

  it("refuse a malformed or unknown job alike, saying what is wrong", () => {
    const malformed = { kind: "preview", pullNumber: "seven" };
    expect(() => JOB_SHAPES.load(malformed)).toThrow(InvalidJobError);
    expect(() => JOB_SHAPES.load(malformed)).toThrow(/The preview job is malformed \(.*pullNumber/);
    expect(() => JOB_SHAPES.load({ kind: "launch" })).toThrow(/No job kind "launch" is registered \(known: preview, teardown/);
    expect(() => JOB_KINDS.load({ kind: "launch" })).toThrow(InvalidJobError);
  });
});
