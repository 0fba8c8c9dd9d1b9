import { createHash } from "node:crypto";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import type { ShareLinkRecord } from "../../../src/model/share-link";
import type { StoreContext } from "./store-contract";
import { iso, minutesAfter, T0 } from "./fixtures";

const idOf = (token: string) => createHash("sha256").update(token).digest("hex");

function link(overrides: Partial<ShareLinkRecord> = {}): ShareLinkRecord {
  return {
    owner: "Octo-Org",
    repo: "Site",
    environment: "pr-12",
    id: idOf("token-a"),
    createdBy: "mona",
    createdAt: iso(T0),
    expiresAt: iso(minutesAfter(60)),
    ...overrides,
  };
}

export function describeShareLinkStoreContract(context: () => StoreContext): void {
  describe("ShareLinkStore", () => {
    it("finds a live link by its hash, regardless of the repository's casing", async () => {
      const { shareLinks } = context().stores;
      await shareLinks.create(link());
      expect(await shareLinks.get("octo-org", "SITE", "pr-12", idOf("token-a"), T0)).toEqual(link());
    });

    it("does not open another environment of the repository, or with another token", async () => {
      const { shareLinks } = context().stores;
      await shareLinks.create(link());
      expect(await shareLinks.get("Octo-Org", "Site", "pr-1", idOf("token-a"), T0)).toBeUndefined();
      expect(await shareLinks.get("Octo-Org", "Site", "pr-12", idOf("token-b"), T0)).toBeUndefined();
    });

    it("stops returning a link at its expiry, and gives DynamoDB's TTL its time", async () => {
      const { stores, clients, tableName } = context();
      await stores.shareLinks.create(link());
      expect(await stores.shareLinks.get("Octo-Org", "Site", "pr-12", idOf("token-a"), minutesAfter(59))).toBeDefined();
      expect(await stores.shareLinks.get("Octo-Org", "Site", "pr-12", idOf("token-a"), minutesAfter(60))).toBeUndefined();
      const { Item } = await clients.documentClient.send(new GetCommand({ TableName: tableName, Key: { pk: "REPO#octo-org/site", sk: `SHARE#pr-12#${idOf("token-a")}` } }));
      expect(Item?.ttl).toBe(Math.ceil(minutesAfter(60).getTime() / 1000));
    });

    it("refuses to store anything but a hash as the link's id", async () => {
      await expect(context().stores.shareLinks.create(link({ id: "token-a" }))).rejects.toThrow(/SHA-256/);
    });

    it("revokes every link of one environment, counting the live ones, and leaves other environments' links", async () => {
      const { shareLinks } = context().stores;
      await shareLinks.create(link());
      await shareLinks.create(link({ id: idOf("token-b") }));
      await shareLinks.create(link({ id: idOf("token-old"), expiresAt: iso(minutesAfter(1)) }));
      await shareLinks.create(link({ environment: "pr-1", id: idOf("token-c") }));

      expect(await shareLinks.revokeAll("octo-org", "site", "pr-12", minutesAfter(5))).toBe(2);
      expect(await shareLinks.get("Octo-Org", "Site", "pr-12", idOf("token-a"), T0)).toBeUndefined();
      expect(await shareLinks.get("Octo-Org", "Site", "pr-12", idOf("token-b"), T0)).toBeUndefined();
      expect(await shareLinks.get("Octo-Org", "Site", "pr-1", idOf("token-c"), T0)).toBeDefined();
      expect(await shareLinks.revokeAll("Octo-Org", "Site", "pr-12", minutesAfter(5))).toBe(0);
    });
  });
}
