import { JOB_KINDS } from "../../src/job-kinds";
import { JOB_SHAPES } from "../../src/job-shapes";
import { intakeJobId } from "../../src/jobs/intake/intake-job";
import { InvalidJobError } from "../../src/jobs/job-registry";
import { planPullRequest } from "../../src/webhook/plan-pull-request";
import { planRelease } from "../../src/webhook/plan-release";
import { pullRequestPayload, releasePublishedPayload } from "../helpers/webhook-fixtures";

// The webhook path and the sweeper name jobs with the shapes; the worker loads them with the
// kinds. A kind missing from either list, or named differently, would strand its jobs.
describe("job shapes and job kinds", () => {
  it("list the same kinds, in the same order", () => {
    expect(JOB_SHAPES.kinds()).toEqual(JOB_KINDS.kinds());
    expect(JOB_SHAPES.kinds()).toHaveLength(12);
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

  it("give a delivery's intake the id the reconciler looks for", () => {
    const intake = { kind: "intake", deliveryId: "guid-1", event: "push", receivedAt: "2026-11-20T10:00:00.000Z", sequence: 1, group: "intake-guid-1", jobs: [] };
    expect(JOB_SHAPES.load(intake).id).toBe(intakeJobId("guid-1"));
    expect(JOB_KINDS.load(intake).id).toBe(intakeJobId("guid-1"));
    expect(intakeJobId("guid-2")).not.toBe(intakeJobId("guid-1"));
  });

  it("refuse a malformed or unknown job alike, saying what is wrong", () => {
    const malformed = { kind: "preview", pullNumber: "seven" };
    expect(() => JOB_SHAPES.load(malformed)).toThrow(InvalidJobError);
    expect(() => JOB_SHAPES.load(malformed)).toThrow(/The preview job is malformed \(.*pullNumber/);
    expect(() => JOB_SHAPES.load({ kind: "launch" })).toThrow(/No job kind "launch" is registered \(known: intake, preview, teardown/);
    expect(() => JOB_KINDS.load({ kind: "launch" })).toThrow(InvalidJobError);
  });
});
