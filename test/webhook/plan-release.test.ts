import type { CheckRunRequestedActionEvent, CheckRunRerequestedEvent, ReleasePublishedEvent } from "@octokit/webhooks-types";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { JOB_KINDS } from "../../src/job-kinds";
import { planCheckRun } from "../../src/webhook/plan-check-run";
import { planRelease } from "../../src/webhook/plan-release";
import { payloadProblem } from "../../src/webhook/payload-problem";

function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(join(__dirname, "..", "..", "fixtures", "webhooks", `${name}.json`), "utf8")) as T;
}

/** The recorded check_run delivery, made Slipway's publish run of release 17372790. */
function ours<T extends CheckRunRequestedActionEvent | CheckRunRerequestedEvent>(name: string, changes: { identifier?: string; name?: string; externalId?: string } = {}): T {
  const payload = fixture<T>(name);
  payload.check_run.name = changes.name ?? "Slipway / publish";
  payload.check_run.external_id = changes.externalId ?? "slipway-publish:17372790";
  payload.check_run.completed_at = "2026-12-01T10:00:00Z";
  if ("requested_action" in payload) payload.requested_action = { identifier: changes.identifier ?? "retry-failed" };
  return payload;
}

const REPOSITORY = { installationId: 1, repoId: 186853002, owner: "Codertocat", repo: "Hello-World", private: false };

describe("planRelease", () => {
  it("turns a published release into one publish job for it, by the release's author", () => {
    const plan = planRelease(fixture<ReleasePublishedEvent>("release.published"));
    expect(plan.jobs).toEqual([{ kind: "publish", repository: REPOSITORY, releaseId: 17372790, tag: "0.0.1", actor: "Codertocat" }]);
    // The same release always makes the same job, so a redelivery finds the one it made.
    const again = planRelease(fixture<ReleasePublishedEvent>("release.published"));
    expect(JOB_KINDS.load(again.jobs[0]!).id).toBe(JOB_KINDS.load(plan.jobs[0]!).id);
  });

  it("plans nothing for a draft, or without an installation", () => {
    const draft = fixture<ReleasePublishedEvent>("release.published");
    (draft.release as { draft: boolean }).draft = true;
    expect(planRelease(draft).jobs).toEqual([]);
    const noInstallation = fixture<ReleasePublishedEvent>("release.published");
    delete noInstallation.installation;
    expect(planRelease(noInstallation).jobs).toEqual([]);
  });

  it("accepts the recorded release payload and refuses one without a release id", () => {
    expect(payloadProblem("release", fixture("release.published"))).toBeUndefined();
    const broken = fixture<Record<string, Record<string, unknown>>>("release.published");
    delete broken.release?.id;
    expect(payloadProblem("release", broken)).toBe("the release payload is not what GitHub sends: release.id: Invalid input: expected number, received undefined");
  });
});

describe("planCheckRun", () => {
  it("turns Retry failed on Slipway's publish check run into a retry of that release, by who pressed it", () => {
    const payload = ours<CheckRunRequestedActionEvent>("check_run.requested_action");
    expect(planCheckRun(payload).jobs).toEqual([
      {
        kind: "publish",
        repository: { installationId: 690857, repoId: payload.repository.id, owner: "electron", repo: "electron", private: false },
        releaseId: 17372790,
        actor: payload.sender.login,
        retry: { checkRunId: payload.check_run.id, action: "requested_action", completedAt: "2026-12-01T10:00:00Z" },
      },
    ]);
    expect(payloadProblem("check_run", payload)).toBeUndefined();
  });

  it("turns GitHub's Re-run of the publish check run into a retry too", () => {
    const jobs = planCheckRun(ours<CheckRunRerequestedEvent>("check_run.rerequested")).jobs;
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ kind: "publish", releaseId: 17372790, retry: { action: "rerequested" } });
  });

  it("makes each press on a new run a job of its own, and a double press on one run the same job", () => {
    const first = ours<CheckRunRequestedActionEvent>("check_run.requested_action");
    const later = ours<CheckRunRequestedActionEvent>("check_run.requested_action");
    later.check_run.id += 1;
    const id = (payload: CheckRunRequestedActionEvent) => JOB_KINDS.load(planCheckRun(payload).jobs[0]!).id;
    expect(id(first)).toBe(id(ours("check_run.requested_action")));
    expect(id(later)).not.toBe(id(first));
  });

  it("ignores other buttons, other check runs and runs without Slipway's external id", () => {
    expect(planCheckRun(ours<CheckRunRequestedActionEvent>("check_run.requested_action", { identifier: "lgtm" })).jobs).toEqual([]);
    expect(planCheckRun(ours<CheckRunRerequestedEvent>("check_run.rerequested", { name: "Slipway / preview" })).jobs).toEqual([]);
    expect(planCheckRun(ours<CheckRunRerequestedEvent>("check_run.rerequested", { externalId: "" })).jobs).toEqual([]);
    expect(planCheckRun(fixture<CheckRunRequestedActionEvent>("check_run.requested_action")).jobs).toEqual([]);
  });
});
