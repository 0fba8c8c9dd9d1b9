import { planPropagation } from "../../src/webhook/plan-propagation";
import { planUpgradeClosed } from "../../src/webhook/plan-upgrade-closed";
import { payloadProblem } from "../../src/webhook/payload-problem";
import { JOB_KINDS } from "../../src/job-kinds";
import { pullRequestPayload, releasePublishedPayload } from "../helpers/webhook-fixtures";

const repository = { installationId: 1, repoId: 186853002, owner: "Codertocat", repo: "Hello-World", private: false };

describe("planPropagation", () => {
  it("plans a propagation job for a published release whose tag is a version", () => {
    const payload = releasePublishedPayload();
    expect(payloadProblem("release", payload)).toBeUndefined();
    const plan = planPropagation(payload);
    expect(plan).toEqual({
      jobs: [
        {
          kind: "propagate",
          repository,
          tag: "0.0.1",
          version: "0.0.1",
          releaseUrl: "https://github.com/Codertocat/Hello-World/releases/tag/0.0.1",
          publishedAt: new Date(payload.release.published_at ?? "").toISOString(),
          actor: "Codertocat",
        },
      ],
    });
    // The job is one its kind accepts.
    expect(() => JOB_KINDS.load(plan.jobs[0]!)).not.toThrow();
  });

  it("reads a v-prefixed tag as its version", () => {
    const payload = releasePublishedPayload();
    payload.release.tag_name = "v1.2.0";
    expect(planPropagation(payload).jobs[0]).toMatchObject({ tag: "v1.2.0", version: "1.2.0" });
  });

  it.each([
    ["a prerelease", (payload: ReturnType<typeof releasePublishedPayload>) => void (payload.release.prerelease = true)],
    ["a draft", (payload: ReturnType<typeof releasePublishedPayload>) => void (payload.release.draft = true)],
    ["a tag that is not a version", (payload: ReturnType<typeof releasePublishedPayload>) => void (payload.release.tag_name = "nightly")],
    ["a prerelease version", (payload: ReturnType<typeof releasePublishedPayload>) => void (payload.release.tag_name = "v2.0.0-rc.1")],
    ["a delivery without installation", (payload: ReturnType<typeof releasePublishedPayload>) => void delete payload.installation],
  ])("plans nothing for %s", (_name, change) => {
    const payload = releasePublishedPayload();
    change(payload);
    expect(planPropagation(payload).jobs).toEqual([]);
  });

  it("refuses a release payload without its release", () => {
    const { release: _release, ...payload } = releasePublishedPayload();
    expect(payloadProblem("release", payload)).toMatch(/the release payload is not what GitHub sends: release/);
  });
});

describe("planUpgradeClosed", () => {
  function closed(ref: string, merged: boolean) {
    const payload = pullRequestPayload("closed");
    payload.pull_request.head.ref = ref;
    payload.pull_request.merged = merged;
    return payload;
  }

  it("plans a job recording a slipway/ branch's pull request merged or closed", () => {
    expect(planUpgradeClosed(closed("slipway/acme-design-system", true)).jobs).toEqual([
      { kind: "propagate-closed", repository, pullNumber: 2, branch: "slipway/acme-design-system", merged: true, eventAt: "2019-05-15T15:21:18.000Z" },
    ]);
    expect(planUpgradeClosed(closed("slipway/acme-design-system", false)).jobs[0]).toMatchObject({ merged: false });
  });

  it("plans nothing for other branches, other actions, or a fork's slipway/ branch", () => {
    expect(planUpgradeClosed(closed("changes", true)).jobs).toEqual([]);
    expect(planUpgradeClosed(pullRequestPayload("opened")).jobs).toEqual([]);
    const fork = closed("slipway/acme-design-system", true);
    fork.pull_request.head.repo = { ...fork.pull_request.head.repo!, id: 999 };
    expect(planUpgradeClosed(fork).jobs).toEqual([]);
  });
});
