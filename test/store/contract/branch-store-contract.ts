import type { StoreContext } from "./store-contract";
import { branch, iso, minutesAfter, sha } from "./fixtures";

export function describeBranchStoreContract(context: () => StoreContext): void {
  describe("BranchStore", () => {
    const first = branch();
    const pushed = branch({ headSha: sha("f"), eventAt: iso(minutesAfter(3)) });

    it("records newer heads and refuses older ones", async () => {
      const { branches } = context().stores;
      expect(await branches.get("Octo-Org", "Site", "main")).toBeUndefined();
      expect(await branches.record(first)).toBe(true);
      expect(await branches.record(pushed)).toBe(true);
      expect(await branches.record(first)).toBe(false);
      expect(await branches.get("Octo-Org", "Site", "main")).toEqual(pushed);
    });

    it("applies a push as new as the stored one, so a redelivery converges", async () => {
      const { branches } = context().stores;
      await branches.record(pushed);
      expect(await branches.record(pushed)).toBe(true);
      expect(await branches.get("Octo-Org", "Site", "main")).toEqual(pushed);
    });

    it("orders pushes of the same second by when Slipway received them", async () => {
      const { branches } = context().stores;
      const second = iso(minutesAfter(10));
      expect(await branches.record(branch({ headSha: sha("1"), eventAt: second, sequence: 100 }))).toBe(true);
      expect(await branches.record(branch({ headSha: sha("3"), eventAt: second, sequence: 300 }))).toBe(true);
      // Received earlier, written later (a slower webhook handler): it does not replace the later one.
      expect(await branches.record(branch({ headSha: sha("2"), eventAt: second, sequence: 200 }))).toBe(false);
      expect(await branches.record(branch({ headSha: sha("0"), eventAt: iso(minutesAfter(9)), sequence: 900 }))).toBe(false);
      expect(await branches.get("Octo-Org", "Site", "main")).toMatchObject({ headSha: sha("3"), sequence: 300 });
    });

    it("orders pushes by instant, not by how their times are written", async () => {
      const { branches } = context().stores;
      await branches.record(branch({ eventAt: "2024-05-01T11:00:00Z" }));
      // 12:00 at +02:00 is 10:00 UTC: older, although its text sorts after 11:00Z.
      expect(await branches.record(branch({ headSha: sha("e"), eventAt: "2024-05-01T12:00:00+02:00" }))).toBe(false);
      expect(await branches.get("Octo-Org", "Site", "main")).toEqual({ ...branch({ eventAt: "2024-05-01T11:00:00.000Z" }) });
    });

    it("keeps branches apart and finds them regardless of casing", async () => {
      const { branches } = context().stores;
      const release = branch({ branch: "release/2.x", eventAt: iso(minutesAfter(-5)) });
      await branches.record(pushed);
      await branches.record(release);
      expect(await branches.get("octo-org", "SITE", "main")).toEqual(pushed);
      expect(await branches.get("Octo-Org", "Site", "release/2.x")).toEqual(release);
      expect(await branches.record({ ...first, owner: "OCTO-ORG", repo: "site" })).toBe(false);
    });
  });
}
