import type { PublishLedgerRecord } from "../../../src/model/publish-ledger";
import type { StoreContext } from "./store-contract";
import { iso, minutesAfter, T0 } from "./fixtures";

const KEY = { owner: "Octo-Org", repo: "Site", releaseId: 901, target: "npm", version: "1.2.3" };

function settled(record: PublishLedgerRecord, state: PublishLedgerRecord["state"], extra: Partial<PublishLedgerRecord> = {}): PublishLedgerRecord {
  return { ...record, state, updatedAt: iso(minutesAfter(1)), ...extra };
}

export function describePublishLedgerStoreContract(context: () => StoreContext): void {
  describe("PublishLedgerStore (publish)", () => {
    it("takes a target once while its attempt runs, counting attempts, and lets a lapsed attempt be taken over", async () => {
      const { publishLedger } = context().stores;
      const first = await publishLedger.begin(KEY, minutesAfter(10), T0);
      expect(first).toMatchObject({ ...KEY, state: "running", attempts: 1, until: iso(minutesAfter(10)) });
      expect(await context().connect().publishLedger.begin(KEY, minutesAfter(20), minutesAfter(5))).toBeUndefined();
      expect(await publishLedger.begin(KEY, minutesAfter(30), minutesAfter(10))).toMatchObject({ state: "running", attempts: 2 });
    });

    it("never takes or changes a target that was published or found identical", async () => {
      const { publishLedger } = context().stores;
      for (const state of ["published", "identical"] as const) {
        const key = { ...KEY, target: state };
        const running = await publishLedger.begin(key, minutesAfter(10), T0);
        if (!running) throw new Error("not taken");
        expect(await publishLedger.settle(settled(running, state, { digest: "sha512-abc", link: "http://127.0.0.1/x" }))).toBe(true);
        expect(await publishLedger.begin(key, minutesAfter(60), minutesAfter(30))).toBeUndefined();
        expect(await publishLedger.settle(settled(running, "failed", { detail: "late failure" }))).toBe(false);
      }
      const entries = await publishLedger.list("octo-org", "SITE", 901);
      expect(entries.map((entry) => [entry.target, entry.state, entry.digest, entry.until])).toEqual([
        ["identical", "identical", "sha512-abc", undefined],
        ["published", "published", "sha512-abc", undefined],
      ]);
    });

    it("takes a failed, conflicting or blocked target again, forgetting its earlier detail", async () => {
      const { publishLedger } = context().stores;
      const running = await publishLedger.begin(KEY, minutesAfter(10), T0);
      if (!running) throw new Error("not taken");
      expect(await publishLedger.settle(settled(running, "failed", { detail: "registry down" }))).toBe(true);
      const again = await publishLedger.begin(KEY, minutesAfter(20), minutesAfter(2));
      expect(again).toMatchObject({ state: "running", attempts: 2 });
      expect(again?.detail).toBeUndefined();
      expect(await publishLedger.settle({ ...KEY, state: "blocked", attempts: 0, detail: "needs mirror", updatedAt: iso(T0), target: "homebrew" })).toBe(true);
      expect(await publishLedger.begin({ ...KEY, target: "homebrew" }, minutesAfter(20), minutesAfter(2))).toMatchObject({ state: "running", attempts: 1 });
    });

    it("keeps each release's entries apart", async () => {
      const { publishLedger } = context().stores;
      await publishLedger.begin(KEY, minutesAfter(10), T0);
      await publishLedger.begin({ ...KEY, releaseId: 9010 }, minutesAfter(10), T0);
      expect((await publishLedger.list("Octo-Org", "Site", 901)).map((entry) => entry.releaseId)).toEqual([901]);
    });
  });
}
