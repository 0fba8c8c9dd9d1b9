import { SiteHostCollisionError } from "../../../src/store/dynamo/site-host-store";
import type { StoreContext } from "./store-contract";

const LABEL = "release-candidate-very-long-name-web-acme---abcdefghijklmnop";

export function describeSiteHostStoreContract(context: () => StoreContext): void {
  describe("SiteHostStore", () => {
    it("maps a recorded label back to its environment, owner and repository in lower case", async () => {
      const { siteHosts } = context().stores;
      expect(await siteHosts.get(LABEL)).toBeUndefined();
      await siteHosts.record({ label: LABEL, owner: "Acme", repo: "Web", environment: "Release-Candidate" });
      expect(await siteHosts.get(LABEL)).toEqual({ label: LABEL, owner: "acme", repo: "web", environment: "Release-Candidate" });
    });

    it("accepts the same record again (every deploy writes it)", async () => {
      const { siteHosts } = context().stores;
      await siteHosts.record({ label: LABEL, owner: "acme", repo: "web", environment: "Release-Candidate" });
      await expect(siteHosts.record({ label: LABEL, owner: "ACME", repo: "web", environment: "Release-Candidate" })).resolves.toBeUndefined();
    });

    it("refuses to point a label at another environment, naming both", async () => {
      const { siteHosts } = context().stores;
      await siteHosts.record({ label: LABEL, owner: "acme", repo: "web", environment: "Release-Candidate" });
      const other = siteHosts.record({ label: LABEL, owner: "acme", repo: "web", environment: "release-candidate" });
      await expect(other).rejects.toThrow(SiteHostCollisionError);
      await expect(other).rejects.toThrow(/already names acme\/web\/Release-Candidate; rename one/);
      expect((await siteHosts.get(LABEL))?.environment).toBe("Release-Candidate");
    });
  });
}
