import type { CampaignRecord, CampaignRow, UpgradeRecord } from "../../../src/model/propagation";
import type { StoreContext } from "./store-contract";
import { iso, minutesAfter, sha, T0 } from "./fixtures";

function campaign(overrides: Partial<CampaignRecord> = {}): CampaignRecord {
  return {
    installationId: 7,
    repoId: 3,
    owner: "Acme",
    repo: "Design-System",
    version: "1.2.0",
    packageName: "@acme/design-system",
    tag: "v1.2.0",
    headSha: sha("c"),
    releaseUrl: "https://github.com/acme/design-system/releases/tag/v1.2.0",
    consumers: [{ repoId: 11, owner: "acme", repo: "shop", defaultBranch: "main", range: "^1.0.0" }],
    createdAt: iso(T0),
    ...overrides,
  };
}

function row(consumer: string, overrides: Partial<CampaignRow> = {}): CampaignRow {
  return { consumer, state: "pending", from: "^1.0.0", to: "^1.2.0", updatedAt: iso(T0), ...overrides };
}

function upgrade(overrides: Partial<UpgradeRecord> = {}): UpgradeRecord {
  return {
    owner: "Acme",
    repo: "Shop",
    slug: "acme-design-system",
    packageName: "@acme/design-system",
    version: "1.2.0",
    pullNumber: 5,
    pullUrl: "https://github.com/acme/shop/pull/5",
    state: "open",
    source: { owner: "acme", repo: "design-system", version: "1.2.0" },
    updatedAt: iso(T0),
    ...overrides,
  };
}

export function describePropagationStoreContract(context: () => StoreContext): void {
  describe("CampaignStore", () => {
    it("keeps the first campaign of a version, so a retried start keeps its consumers and their order", async () => {
      const { campaigns } = context().stores;
      const first = campaign();
      expect(await campaigns.start(first)).toEqual(first);
      const again = await campaigns.start(campaign({ consumers: [], createdAt: iso(minutesAfter(3)) }));
      expect(again).toEqual(first);
      expect(await campaigns.get("acme", "design-system", "1.2.0")).toEqual(first);
      expect(await campaigns.get("acme", "design-system", "1.3.0")).toBeUndefined();
    });

    it("keeps one row per consumer, replaced by the newest write, apart from other versions' rows", async () => {
      const { campaigns } = context().stores;
      await campaigns.start(campaign());
      await campaigns.setRow("acme", "design-system", "1.2.0", row("acme/shop"));
      await campaigns.setRow("acme", "design-system", "1.2.0", row("acme/blog"));
      await campaigns.setRow("Acme", "Design-System", "1.2.0", row("Acme/Shop", { state: "opened", pullNumber: 5, pullUrl: "https://github.com/acme/shop/pull/5", updatedAt: iso(minutesAfter(1)) }));
      await campaigns.setRow("acme", "design-system", "1.2.0-beta.1", row("acme/shop"));
      await campaigns.setRow("acme", "design-system", "1.2.01", row("acme/shop"));
      const rows = await campaigns.rows("acme", "design-system", "1.2.0");
      expect(rows.map((stored) => [stored.consumer, stored.state])).toEqual([
        ["acme/blog", "pending"],
        ["Acme/Shop", "opened"],
      ]);
      expect(await campaigns.rows("acme", "design-system", "2.0.0")).toEqual([]);
    });
  });

  describe("UpgradeStore", () => {
    it("stores a consumer's upgrade per package slug, found regardless of casing, the newest put winning", async () => {
      const { upgrades } = context().stores;
      expect(await upgrades.get("acme", "shop", "acme-design-system")).toBeUndefined();
      await upgrades.put(upgrade());
      await upgrades.put(upgrade({ state: "merged", updatedAt: iso(minutesAfter(2)) }));
      expect(await upgrades.get("ACME", "shop", "acme-design-system")).toEqual(upgrade({ state: "merged", updatedAt: iso(minutesAfter(2)) }));
      expect(await upgrades.get("acme", "shop", "acme-icons")).toBeUndefined();
    });

    it("keeps an upgrade's progress per version, apart from the upgrade itself", async () => {
      const { upgrades } = context().stores;
      const progress = { owner: "Acme", repo: "Shop", slug: "acme-design-system", version: "1.2.0", baseSha: sha("a"), treeSha: sha("b"), pointed: false, updatedAt: iso(T0) };
      expect(await upgrades.progress("acme", "shop", "acme-design-system", "1.2.0")).toBeUndefined();
      await upgrades.saveProgress(progress);
      await upgrades.saveProgress({ ...progress, commitSha: sha("c"), updatedAt: iso(minutesAfter(1)) });
      expect(await upgrades.progress("ACME", "shop", "acme-design-system", "1.2.0")).toEqual({ ...progress, commitSha: sha("c"), updatedAt: iso(minutesAfter(1)) });
      expect(await upgrades.progress("acme", "shop", "acme-design-system", "1.3.0")).toBeUndefined();
      expect(await upgrades.get("acme", "shop", "acme-design-system")).toBeUndefined();
    });
  });
}
