import type { StoreContext } from "./store-contract";
import { iso, minutesAfter, T0 } from "./fixtures";

export function describeGitHubObjectStoreContract(context: () => StoreContext): void {
  describe("GitHubObjectStore", () => {
    const key = "comment:pull-request:12";

    it("remembers an object being created, then its id, url and digest", async () => {
      const { githubObjects } = context().stores;
      expect(await githubObjects.get("Octo-Org", "Site", key)).toBeUndefined();
      await githubObjects.markCreating("Octo-Org", "Site", key, T0);
      expect(await githubObjects.get("Octo-Org", "Site", key)).toEqual({ owner: "Octo-Org", repo: "Site", key, state: "creating", updatedAt: iso(T0) });
      await githubObjects.saveCreated("Octo-Org", "Site", key, { id: 99, url: "https://github.com/o/r/pull/12#issuecomment-99", digest: "d1" }, minutesAfter(1));
      expect(await githubObjects.get("octo-org", "SITE", key)).toMatchObject({ state: "created", id: 99, digest: "d1", updatedAt: iso(minutesAfter(1)) });
    });

    it("never lets an intent replace an id already recorded", async () => {
      const { githubObjects } = context().stores;
      await githubObjects.saveCreated("Octo-Org", "Site", key, { id: 99 }, T0);
      await githubObjects.markCreating("Octo-Org", "Site", key, minutesAfter(1));
      expect(await githubObjects.get("Octo-Org", "Site", key)).toMatchObject({ state: "created", id: 99 });
    });

    it("forgets an object, and keeps objects of other keys apart", async () => {
      const { githubObjects } = context().stores;
      await githubObjects.saveCreated("Octo-Org", "Site", key, { id: 99 }, T0);
      await githubObjects.saveCreated("Octo-Org", "Site", "comment:pull-request:13", { id: 100 }, T0);
      await githubObjects.forget("Octo-Org", "Site", key);
      expect(await githubObjects.get("Octo-Org", "Site", key)).toBeUndefined();
      expect(await githubObjects.get("Octo-Org", "Site", "comment:pull-request:13")).toMatchObject({ id: 100 });
    });
  });
}
