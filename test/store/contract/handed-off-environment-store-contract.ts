import type { HandedOffEnvironmentRecord } from "../../../src/model/handed-off-environment";
import type { StoreContext } from "./store-contract";
import { environment, iso, minutesAfter, sha, T0 } from "./fixtures";

function handedOff(overrides: Partial<HandedOffEnvironmentRecord> = {}): HandedOffEnvironmentRecord {
  return {
    owner: "Octo-Org",
    repo: "Site",
    name: "fly",
    state: "deploying",
    sha: sha("a"),
    deploymentId: 2001,
    statusId: 3001,
    statusAt: iso(T0),
    pullNumber: 12,
    actor: "mona",
    updatedAt: iso(T0),
    ...overrides,
  };
}

export function describeHandedOffEnvironmentStoreContract(context: () => StoreContext): void {
  describe("HandedOffEnvironmentStore", () => {
    const deploying = handedOff();
    const active = handedOff({ state: "active", url: "https://site.fly.dev", statusId: 3002, statusAt: iso(minutesAfter(3)), updatedAt: iso(minutesAfter(3)) });

    it("records a status and reads it back, regardless of owner and repository casing", async () => {
      const { handedOffEnvironments } = context().stores;
      expect(await handedOffEnvironments.get("Octo-Org", "Site", "fly")).toBeUndefined();
      expect(await handedOffEnvironments.record(deploying)).toBe(true);
      expect(await handedOffEnvironments.get("octo-org", "SITE", "fly")).toEqual(deploying);
    });

    it("replaces a status with a newer one, and writes the same status again", async () => {
      const { handedOffEnvironments } = context().stores;
      await handedOffEnvironments.record(deploying);
      expect(await handedOffEnvironments.record(active)).toBe(true);
      expect(await handedOffEnvironments.record(active)).toBe(true);
      expect(await handedOffEnvironments.get("Octo-Org", "Site", "fly")).toEqual(active);
    });

    it("keeps the newer status when an older one arrives after it", async () => {
      const { handedOffEnvironments } = context().stores;
      await handedOffEnvironments.record(active);
      expect(await handedOffEnvironments.record(deploying)).toBe(false);
      expect(await handedOffEnvironments.get("Octo-Org", "Site", "fly")).toEqual(active);
    });

    it("orders two statuses of the same second by their id", async () => {
      const { handedOffEnvironments } = context().stores;
      const failed = handedOff({ state: "failed", statusId: 3003 });
      await handedOffEnvironments.record(failed);
      expect(await handedOffEnvironments.record(deploying)).toBe(false);
      expect(await handedOffEnvironments.get("Octo-Org", "Site", "fly")).toEqual(failed);
    });

    it("orders status times by instant, not by how they are written", async () => {
      const { handedOffEnvironments } = context().stores;
      await handedOffEnvironments.record(handedOff({ statusAt: "2024-05-01T11:00:00Z" }));
      // 12:00 at +02:00 is 10:00 UTC: older, although its text sorts after 11:00Z.
      expect(await handedOffEnvironments.record(handedOff({ statusId: 3009, statusAt: "2024-05-01T12:00:00+02:00" }))).toBe(false);
      expect((await handedOffEnvironments.get("Octo-Org", "Site", "fly"))?.statusAt).toBe("2024-05-01T11:00:00.000Z");
    });

    it("keeps the newest of two statuses written at once", async () => {
      const { handedOffEnvironments } = context().stores;
      for (let round = 0; round < 5; round++) {
        const name = `fly-${round}`;
        await Promise.all([deploying, active].map((record) => handedOffEnvironments.record({ ...record, name })));
        expect(await handedOffEnvironments.get("Octo-Org", "Site", name)).toEqual({ ...active, name });
      }
    });

    it("lists a repository's handed-off environments by name, apart from the environments Slipway serves", async () => {
      const { handedOffEnvironments, environments } = context().stores;
      await environments.point(environment({ name: "staging" }));
      await handedOffEnvironments.record(handedOff({ name: "render" }));
      await handedOffEnvironments.record(active);
      await handedOffEnvironments.record(handedOff({ repo: "Other" }));
      expect(await handedOffEnvironments.list("octo-org", "site")).toEqual([active, handedOff({ name: "render" })]);
      expect((await environments.list("Octo-Org", "Site")).map((served) => served.name)).toEqual(["staging"]);
      expect(await environments.get("Octo-Org", "Site", "fly")).toBeUndefined();
    });
  });
}
