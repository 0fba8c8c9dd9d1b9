import type { StoreContext } from "./store-contract";
import { build, minutesAfter, iso } from "./fixtures";

export function describeBuildStoreContract(context: () => StoreContext): void {
  describe("BuildStore", () => {
    it("stores a build and finds it regardless of owner and repository casing", async () => {
      const { builds } = context().stores;
      const record = build();
      expect(await builds.get("Octo-Org", "Site", record.buildKey)).toBeUndefined();
      await builds.put(record);
      expect(await builds.get("octo-org", "SITE", record.buildKey)).toEqual(record);
      expect(await builds.get("Octo-Org", "Site", "other-key")).toBeUndefined();
    });

    it("keeps the first record when a build key is put twice", async () => {
      const { builds } = context().stores;
      const record = build();
      await builds.put(record);
      await expect(builds.put({ ...record, files: 99, bytes: 1, createdAt: iso(minutesAfter(5)) })).resolves.toBeUndefined();
      expect(await builds.get("Octo-Org", "Site", record.buildKey)).toEqual(record);
    });
  });
}
