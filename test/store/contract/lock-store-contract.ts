import type { StoreContext } from "./store-contract";
import { iso, lock, minutesAfter } from "./fixtures";

export function describeLockStoreContract(context: () => StoreContext): void {
  describe("LockStore", () => {
    const mona = lock();

    it("takes a free lock and finds it regardless of casing", async () => {
      const { locks } = context().stores;
      expect(await locks.get("Octo-Org", "Site", "production")).toBeUndefined();
      expect(await locks.acquire(mona)).toEqual({ acquired: true });
      expect(await locks.get("octo-org", "SITE", "production")).toEqual(mona);
    });

    it("refuses a second user and returns the current lock", async () => {
      const { locks } = context().stores;
      await locks.acquire(mona);
      const hubot = lock({ holder: "hubot", reason: "mine now", createdAt: iso(minutesAfter(1)) });
      expect(await locks.acquire(hubot)).toEqual({ acquired: false, current: mona });
      expect(await locks.get("Octo-Org", "Site", "production")).toEqual(mona);
    });

    it("lets the holder take the lock again to change the reason", async () => {
      const { locks } = context().stores;
      await locks.acquire(mona);
      const renewed = lock({ reason: "incident 42", createdAt: iso(minutesAfter(1)) });
      expect(await locks.acquire(renewed)).toEqual({ acquired: true });
      expect(await locks.get("Octo-Org", "Site", "production")).toEqual(renewed);
    });

    it("lets exactly one of five users racing for a free lock take it", async () => {
      const { locks } = context().stores;
      const results = await Promise.all(Array.from({ length: 5 }, (_, index) => locks.acquire(lock({ holder: `user-${index}` }))));
      const winners = results.filter((result) => result.acquired);
      expect(winners).toHaveLength(1);
      const holder = (await locks.get("Octo-Org", "Site", "production"))?.holder;
      for (const result of results) {
        if (!result.acquired) expect(result.current.holder).toBe(holder);
      }
    });

    it("releases the lock for its holder, returning it", async () => {
      const { locks } = context().stores;
      await locks.acquire(mona);
      expect(await locks.release("octo-org", "site", "production", "mona", false)).toEqual({ released: true, previous: mona });
      expect(await locks.get("Octo-Org", "Site", "production")).toBeUndefined();
      expect(await locks.acquire(lock({ holder: "hubot" }))).toEqual({ acquired: true });
    });

    it("refuses a release by someone who does not hold the lock, and returns the holder's lock", async () => {
      const { locks } = context().stores;
      await locks.acquire(mona);
      expect(await locks.release("Octo-Org", "Site", "production", "hubot", false)).toEqual({ released: false, current: mona });
      expect(await locks.get("Octo-Org", "Site", "production")).toEqual(mona);
    });

    it("force-releases a lock held by someone else", async () => {
      const { locks } = context().stores;
      await locks.acquire(mona);
      expect(await locks.release("Octo-Org", "Site", "production", "admin", true)).toEqual({ released: true, previous: mona });
      expect(await locks.get("Octo-Org", "Site", "production")).toBeUndefined();
    });

    it.each([false, true])("reports nothing released when nobody holds the lock (force: %s)", async (force) => {
      const { locks } = context().stores;
      expect(await locks.release("Octo-Org", "Site", "production", "mona", force)).toEqual({ released: false, current: undefined });
    });

    it("lists a repository's locks by environment, and only its locks", async () => {
      const { locks, environments } = context().stores;
      const staging = lock({ environment: "staging", holder: "hubot", reason: undefined, link: undefined });
      await locks.acquire(staging);
      await locks.acquire(mona);
      await locks.acquire(lock({ repo: "Docs" }));
      await environments.point({
        installationId: 7, repoId: 42, owner: "Octo-Org", repo: "Site", name: "production", state: "active", sha: "a".repeat(40),
        buildKey: "k", spa: false, sourceAt: mona.createdAt, url: "http://localhost/", updatedAt: mona.createdAt,
      });
      expect(await locks.list("octo-org", "site")).toEqual([mona, staging]);
      expect(await locks.list("Octo-Org", "Empty")).toEqual([]);
    });
  });
}
