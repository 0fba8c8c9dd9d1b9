import { JOB_KINDS } from "../../../src/job-kinds";
import { requestCampaignReport, runCampaignReport } from "../../../src/jobs/propagate/report-campaign";
import type { JobContext } from "../../../src/jobs/job-context";
import type { JobPayload } from "../../../src/model/job-record";
import { JobDeferredError } from "../../../src/util/job-deferred-error";

const repository = { installationId: 7, repoId: 3, owner: "acme", repo: "design-system" };

describe("the campaign check run's coalescing", () => {
  async function idsRequestedAt(times: string[], seconds?: number): Promise<string[]> {
    const submitted: JobPayload[] = [];
    for (const at of times) {
      await requestCampaignReport({ submit: async (jobs) => void submitted.push(...jobs), now: () => new Date(at), ...(seconds ? { campaignReportSeconds: seconds } : {}) }, repository, "1.2.0");
    }
    return submitted.map((job) => JOB_KINDS.load(job).id);
  }

  it("gives every consumer finishing within one 30 s window the same report job, and the next window another", async () => {
    const ids = await idsRequestedAt(["2024-05-01T10:00:01Z", "2024-05-01T10:00:17Z", "2024-05-01T10:00:29.999Z", "2024-05-01T10:00:30Z"]);
    expect(new Set(ids.slice(0, 3)).size).toBe(1);
    expect(ids[3]).not.toBe(ids[0]);
  });

  it("uses SLIPWAY_CAMPAIGN_REPORT_SECONDS as the window", async () => {
    const ids = await idsRequestedAt(["2024-05-01T10:00:01Z", "2024-05-01T10:00:06Z"], 5);
    expect(ids[1]).not.toBe(ids[0]);
  });

  it("waits for its window to end before writing the check run", async () => {
    const ctx = { now: () => new Date("2024-05-01T10:00:10Z") } as Pick<JobContext, "now">;
    const windowEnd = Date.parse("2024-05-01T10:00:30Z") / 1000;
    const waiting = runCampaignReport({ kind: "propagate-report", repository, version: "1.2.0", windowEnd }, ctx as JobContext);
    await expect(waiting).rejects.toBeInstanceOf(JobDeferredError);
    await expect(waiting).rejects.toMatchObject({ retryAt: new Date("2024-05-01T10:00:30Z") });
  });
});
