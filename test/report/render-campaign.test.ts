import { renderCampaign } from "../../src/report/render-campaign";
import type { CampaignRecord } from "../../src/model/propagation";

const campaign: CampaignRecord = {
  installationId: 7,
  repoId: 3,
  owner: "acme",
  repo: "design-system",
  version: "1.2.0",
  packageName: "@acme/design-system",
  tag: "v1.2.0",
  headSha: "c".repeat(40),
  releaseUrl: "https://github.com/acme/design-system/releases/tag/v1.2.0",
  consumers: [
    { repoId: 11, owner: "acme", repo: "shop", defaultBranch: "main", range: "^1.0.0" },
    { repoId: 12, owner: "acme", repo: "blog", defaultBranch: "main", range: "~1.0.0" },
    { repoId: 13, owner: "acme", repo: "docs", defaultBranch: "main", range: "1.0.0" },
  ],
  createdAt: "2024-05-01T10:00:00.000Z",
};
const at = "2024-05-01T10:01:00.000Z";

describe("renderCampaign", () => {
  it("counts the states at the top and lists every consumer, pending until its row is written", () => {
    const report = renderCampaign(campaign, [
      { consumer: "acme/shop", state: "opened", from: "^1.0.0", to: "^1.2.0", pullNumber: 4, pullUrl: "https://github.com/acme/shop/pull/4", updatedAt: at },
      { consumer: "acme/blog", state: "failed", from: "~1.0.0", to: "~1.2.0", detail: "npm could not resolve | the version", updatedAt: at },
    ]);
    expect(report).toMatchObject({ status: "in_progress", title: "@acme/design-system@1.2.0: 1 pending · 1 opened · 1 failed" });
    expect(report.summary).toContain("Release [v1.2.0](https://github.com/acme/design-system/releases/tag/v1.2.0) of `@acme/design-system` to 3 consumers");
    expect(report.summary).toContain("| acme/shop | opened | [#4](https://github.com/acme/shop/pull/4) | `^1.0.0` → `^1.2.0` |");
    expect(report.summary).toContain("| acme/blog | failed: npm could not resolve \\| the version |  | `~1.0.0` → `~1.2.0` |");
    expect(report.summary).toContain("| acme/docs | pending |  | `1.0.0` |");
  });

  it("completes once no consumer is pending: failure if one failed, success otherwise", () => {
    const done = (state: "merged" | "failed") =>
      renderCampaign(
        campaign,
        campaign.consumers.map((consumer) => ({ consumer: `${consumer.owner}/${consumer.repo}`, state, from: consumer.range, to: "^1.2.0", updatedAt: at })),
      );
    expect(done("merged")).toMatchObject({ status: "completed", conclusion: "success", title: "@acme/design-system@1.2.0: 3 merged" });
    expect(done("failed")).toMatchObject({ status: "completed", conclusion: "failure" });
  });

  it("says so when no repository depends on the package", () => {
    expect(renderCampaign({ ...campaign, consumers: [] }, [])).toMatchObject({ status: "completed", conclusion: "success", title: "@acme/design-system@1.2.0: no consumers" });
  });
});
