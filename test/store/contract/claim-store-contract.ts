import { GetCommand } from "@aws-sdk/lib-dynamodb";
import type { StoreContext } from "./store-contract";
import { minutesAfter, T0 } from "./fixtures";

export function describeClaimStoreContract(context: () => StoreContext): void {
  describe("DeployClaimStore", () => {
    const until = minutesAfter(10);

    it("lets exactly one of five concurrent deploys by different jobs claim an environment", async () => {
      const { claims } = context().stores;
      const results = await Promise.all(
        Array.from({ length: 5 }, (_, index) => claims.claim("Octo-Org", "Site", "production", { jobId: `job-${index}`, until }, T0)),
      );
      expect(results.filter((claimed) => claimed)).toHaveLength(1);
    });

    it("refuses another job while the claim lasts, and lets its holder claim again", async () => {
      const { claims } = context().stores;
      expect(await claims.claim("Octo-Org", "Site", "production", { jobId: "job-a", until }, T0)).toBe(true);
      expect(await claims.claim("octo-org", "SITE", "production", { jobId: "job-b", until: minutesAfter(20) }, minutesAfter(1))).toBe(false);
      expect(await claims.claim("Octo-Org", "Site", "production", { jobId: "job-a", until: minutesAfter(20) }, minutesAfter(2))).toBe(true);
      // The holder's second claim extended it: at the first `until` it still holds.
      expect(await claims.claim("Octo-Org", "Site", "production", { jobId: "job-b", until: minutesAfter(30) }, minutesAfter(11))).toBe(false);
    });

    it("lets another job take over a claim past its end, and then refuses the old holder", async () => {
      const { claims } = context().stores;
      await claims.claim("Octo-Org", "Site", "production", { jobId: "crashed", until }, T0);
      expect(await claims.claim("Octo-Org", "Site", "production", { jobId: "job-b", until: minutesAfter(20) }, until)).toBe(false);
      expect(await claims.claim("Octo-Org", "Site", "production", { jobId: "job-b", until: minutesAfter(20) }, minutesAfter(11))).toBe(true);
      expect(await claims.claim("Octo-Org", "Site", "production", { jobId: "crashed", until: minutesAfter(30) }, minutesAfter(12))).toBe(false);
    });

    it("keeps claims of different environments and repositories apart", async () => {
      const { claims } = context().stores;
      expect(await claims.claim("Octo-Org", "Site", "production", { jobId: "job-a", until }, T0)).toBe(true);
      expect(await claims.claim("Octo-Org", "Site", "staging", { jobId: "job-b", until }, T0)).toBe(true);
      expect(await claims.claim("Octo-Org", "Docs", "production", { jobId: "job-c", until }, T0)).toBe(true);
    });

    it("ignores a release by a job that does not hold the claim", async () => {
      const { claims } = context().stores;
      await claims.claim("Octo-Org", "Site", "production", { jobId: "job-a", until }, T0);
      await expect(claims.release("Octo-Org", "Site", "production", "job-b")).resolves.toBeUndefined();
      expect(await claims.claim("Octo-Org", "Site", "production", { jobId: "job-c", until }, minutesAfter(1))).toBe(false);
      await claims.release("octo-org", "site", "production", "job-a");
      expect(await claims.claim("Octo-Org", "Site", "production", { jobId: "job-c", until }, minutesAfter(1))).toBe(true);
    });

    it("releases a claim nobody holds without error", async () => {
      await expect(context().stores.claims.release("Octo-Org", "Site", "production", "job-a")).resolves.toBeUndefined();
    });

    it("sets a claim to expire a day after its end", async () => {
      const { clients, tableName, stores } = context();
      await stores.claims.claim("Octo-Org", "Site", "production", { jobId: "job-a", until }, T0);
      const { Item } = await clients.documentClient.send(
        new GetCommand({ TableName: tableName, Key: { pk: "REPO#octo-org/site", sk: "CLAIM#production" } }),
      );
      expect(Item).toMatchObject({ jobId: "job-a", until: until.toISOString(), ttl: until.getTime() / 1000 + 24 * 60 * 60 });
    });
  });
}
