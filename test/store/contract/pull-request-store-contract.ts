import type { StoreContext } from "./store-contract";
import { iso, minutesAfter, pullRequest, sha } from "./fixtures";

export function describePullRequestStoreContract(context: () => StoreContext): void {
  describe("PullRequestStore", () => {
    const opened = pullRequest();
    const pushed = pullRequest({ headSha: sha("f"), eventAt: iso(minutesAfter(3)) });

    it("records newer heads and refuses older ones", async () => {
      const { pullRequests } = context().stores;
      expect(await pullRequests.get("Octo-Org", "Site", 12)).toBeUndefined();
      expect(await pullRequests.record(opened)).toBe(true);
      expect(await pullRequests.record(pushed)).toBe(true);
      expect(await pullRequests.record(opened)).toBe(false);
      expect(await pullRequests.get("Octo-Org", "Site", 12)).toEqual(pushed);
    });

    it("applies an event as new as the stored one, so a redelivery converges", async () => {
      const { pullRequests } = context().stores;
      await pullRequests.record(pushed);
      const closed = { ...pushed, state: "closed" as const };
      expect(await pullRequests.record(closed)).toBe(true);
      expect(await pullRequests.get("Octo-Org", "Site", 12)).toEqual(closed);
    });

    it("keeps pull requests apart by number and finds them regardless of casing", async () => {
      const { pullRequests } = context().stores;
      await pullRequests.record(opened);
      await pullRequests.record({ ...pushed, pullNumber: 13, eventAt: iso(minutesAfter(-5)) });
      expect(await pullRequests.get("OCTO-ORG", "site", 12)).toEqual(opened);
      expect(await pullRequests.get("octo-org", "Site", 13)).toEqual({ ...pushed, pullNumber: 13, eventAt: iso(minutesAfter(-5)) });
      expect(await pullRequests.record({ ...opened, owner: "octo-org", repo: "SITE", eventAt: iso(minutesAfter(-1)) })).toBe(false);
    });
  });
}
