import { GetCommand } from "@aws-sdk/lib-dynamodb";
import type { StoreContext } from "./store-contract";
import { environment, iso, minutesAfter, sha, T0 } from "./fixtures";

export function describeEnvironmentStoreContract(context: () => StoreContext): void {
  describe("EnvironmentStore", () => {
    const first = environment();
    const newer = environment({ sha: sha("d"), buildKey: `${sha("d")}-public`, sourceAt: iso(minutesAfter(5)), updatedAt: iso(minutesAfter(6)) });

    it("creates an environment and returns no previous record", async () => {
      const { environments } = context().stores;
      expect(await environments.get("Octo-Org", "Site", "pr-12")).toBeUndefined();
      expect(await environments.point(first)).toEqual({ applied: true, previous: undefined });
      expect(await environments.get("Octo-Org", "Site", "pr-12")).toEqual(first);
    });

    it("applies a newer or equally new event and returns what it replaced", async () => {
      const { environments } = context().stores;
      await environments.point(first);
      expect(await environments.point(newer)).toEqual({ applied: true, previous: first });
      const again = { ...newer, deploymentId: 1002 };
      expect(await environments.point(again)).toEqual({ applied: true, previous: newer });
      expect(await environments.get("Octo-Org", "Site", "pr-12")).toEqual(again);
    });

    it("refuses an older event and returns the current record", async () => {
      const { environments } = context().stores;
      await environments.point(newer);
      expect(await environments.point(first)).toEqual({ applied: false, current: newer });
      expect(await environments.get("Octo-Org", "Site", "pr-12")).toEqual(newer);
    });

    it("orders event times by instant, not by how they are written", async () => {
      const { environments } = context().stores;
      await environments.point(environment({ sourceAt: "2024-05-01T11:00:00Z" }));
      // 12:00 at +02:00 is 10:00 UTC: older, although its text sorts after 11:00Z.
      const result = await environments.point(environment({ sha: sha("e"), sourceAt: "2024-05-01T12:00:00+02:00" }));
      expect(result).toEqual({ applied: false, current: environment({ sourceAt: "2024-05-01T11:00:00.000Z" }) });
    });

    it.each([
      ["older first", [first, newer]],
      ["newer first", [newer, first]],
    ])("keeps the newest of two concurrent pointer moves (%s)", async (_order, records) => {
      const { environments } = context().stores;
      for (let round = 0; round < 5; round++) {
        const name = `pr-${round + 1}`;
        const results = await Promise.all(records.map((record) => environments.point({ ...record, name })));
        expect(results[records.indexOf(newer)]).toMatchObject({ applied: true });
        expect(await environments.get("Octo-Org", "Site", name)).toEqual({ ...newer, name });
      }
    });

    it("looks environments up regardless of owner and repository casing", async () => {
      const { environments } = context().stores;
      await environments.point(first);
      expect(await environments.get("octo-org", "SITE", "pr-12")).toEqual(first);
      const renamed = { ...newer, owner: "OCTO-ORG", repo: "site" };
      expect(await environments.point(renamed)).toEqual({ applied: true, previous: first });
      expect(await environments.point({ ...first, owner: "octo-org" })).toEqual({ applied: false, current: renamed });
    });

    it("removes an active environment, returning it as it was, and refuses later stale moves", async () => {
      const { environments } = context().stores;
      await environments.point(first);
      expect(await environments.remove("octo-org", "site", "pr-12", iso(minutesAfter(3)), minutesAfter(4))).toEqual(first);
      expect(await environments.get("Octo-Org", "Site", "pr-12")).toEqual({
        ...first, state: "removed", sourceAt: iso(minutesAfter(3)), updatedAt: iso(minutesAfter(4)),
      });
      expect(await environments.point(environment({ sourceAt: iso(minutesAfter(2)) }))).toMatchObject({ applied: false });
      expect(await environments.remove("Octo-Org", "Site", "pr-12", iso(minutesAfter(9)), minutesAfter(9))).toBeUndefined();
    });

    it("does not remove an environment changed by a newer event, nor one that does not exist", async () => {
      const { environments } = context().stores;
      await environments.point(newer);
      expect(await environments.remove("Octo-Org", "Site", "pr-12", iso(minutesAfter(1)), minutesAfter(7))).toBeUndefined();
      expect(await environments.get("Octo-Org", "Site", "pr-12")).toEqual(newer);
      expect(await environments.remove("Octo-Org", "Site", "pr-99", iso(minutesAfter(1)), minutesAfter(7))).toBeUndefined();
      expect(await environments.get("Octo-Org", "Site", "pr-99")).toBeUndefined();
    });

    it("indexes an active environment by its expiry and drops it from the index when removed", async () => {
      const { clients, tableName, stores } = context();
      const raw = async () =>
        (await clients.documentClient.send(new GetCommand({ TableName: tableName, Key: { pk: "REPO#octo-org/site", sk: "ENV#pr-12" } }))).Item;
      await stores.environments.point(first);
      expect(await raw()).toMatchObject({ gsi1pk: "PREVIEW_EXPIRY", gsi1sk: first.expiresAt });
      await stores.environments.remove("Octo-Org", "Site", "pr-12", iso(minutesAfter(1)), minutesAfter(1));
      expect(await raw()).not.toHaveProperty("gsi1pk");
    });

    it("lists only active environments whose expiry is due, soonest first", async () => {
      const { environments } = context().stores;
      const now = minutesAfter(60);
      const dueLater = environment({ name: "pr-1", expiresAt: iso(minutesAfter(30)) });
      const dueFirst = environment({ name: "pr-2", expiresAt: iso(minutesAfter(10)) });
      const dueNow = environment({ name: "pr-3", expiresAt: iso(now) });
      await environments.point(dueLater);
      await environments.point(dueFirst);
      await environments.point(dueNow);
      await environments.point(environment({ name: "pr-4", expiresAt: iso(minutesAfter(61)) }));
      await environments.point(environment({ name: "production", expiresAt: undefined }));
      await environments.point(environment({ name: "pr-5", expiresAt: iso(minutesAfter(5)) }));
      await environments.remove("Octo-Org", "Site", "pr-5", iso(minutesAfter(1)), minutesAfter(1));
      await environments.point(environment({ name: "pr-6", state: "removed", expiresAt: iso(minutesAfter(5)) }));
      // A push moves the expiry past now, taking pr-7 off the list.
      await environments.point(environment({ name: "pr-7", expiresAt: iso(minutesAfter(20)) }));
      await environments.point(environment({ name: "pr-7", sourceAt: iso(minutesAfter(2)), expiresAt: iso(minutesAfter(120)) }));

      expect(await environments.listExpired(now, 10)).toEqual([dueFirst, dueLater, dueNow]);
      expect(await environments.listExpired(now, 2)).toEqual([dueFirst, dueLater]);
      expect(await environments.listExpired(T0, 10)).toEqual([]);
    });

    it("keeps who deployed what is live", async () => {
      const { environments } = context().stores;
      const deployed = environment({ name: "production", actor: "mona", expiresAt: undefined });
      await environments.point(deployed);
      expect(await environments.get("Octo-Org", "Site", "production")).toEqual(deployed);
      expect(await environments.get("Octo-Org", "Site", "production")).toHaveProperty("actor", "mona");
    });

    it("lists every environment of a repository by name, removed ones included, and nothing else", async () => {
      const { environments, builds, pullRequests, locks } = context().stores;
      expect(await environments.list("Octo-Org", "Site")).toEqual([]);
      const staging = environment({ name: "staging", expiresAt: undefined });
      const production = environment({ name: "production", expiresAt: undefined, actor: "mona" });
      await environments.point(staging);
      await environments.point(production);
      await environments.point(first);
      await environments.remove("Octo-Org", "Site", "pr-12", iso(minutesAfter(1)), minutesAfter(1));
      await environments.point({ ...first, repo: "Other" });
      // Other items of the same repository partition are not environments.
      await builds.put({ owner: "Octo-Org", repo: "Site", buildKey: "k", sha: sha("b"), files: 1, bytes: 1, createdAt: iso(T0) });
      await pullRequests.record({ owner: "Octo-Org", repo: "Site", pullNumber: 12, headSha: sha("c"), state: "open", eventAt: iso(T0), sequence: 0 });
      await locks.acquire({ owner: "Octo-Org", repo: "Site", environment: "production", holder: "mona", createdAt: iso(T0) });

      const listed = await environments.list("octo-org", "SITE");
      expect(listed.map((record) => record.name)).toEqual(["pr-12", "production", "staging"]);
      expect(listed[0]).toMatchObject({ state: "removed" });
      expect(listed[1]).toEqual(production);
    });
  });
}
