import { GetCommand } from "@aws-sdk/lib-dynamodb";
import type { StoreContext } from "./store-contract";
import { T0 } from "./fixtures";

export function describeRedeliveryStoreContract(context: () => StoreContext): void {
  describe("RedeliveryStore", () => {
    it("has no watermark before the first reconciliation, then the one set", async () => {
      const { redeliveries } = context().stores;
      expect(await redeliveries.watermark()).toBeUndefined();
      expect(await redeliveries.advanceWatermark({ deliveryId: 1200, deliveredAt: "2024-05-01T09:58:00Z" })).toBe(true);
      expect(await redeliveries.watermark()).toEqual({ deliveryId: 1200, deliveredAt: "2024-05-01T09:58:00.000Z" });
    });

    it("only ever moves the watermark forward", async () => {
      const { redeliveries } = context().stores;
      await redeliveries.advanceWatermark({ deliveryId: 1200, deliveredAt: "2024-05-01T09:58:00Z" });
      expect(await redeliveries.advanceWatermark({ deliveryId: 1100, deliveredAt: "2024-05-01T09:50:00Z" })).toBe(false);
      expect(await redeliveries.advanceWatermark({ deliveryId: 1200, deliveredAt: "2024-05-01T09:58:00Z" })).toBe(false);
      expect(await redeliveries.watermark()).toMatchObject({ deliveryId: 1200 });
      expect(await redeliveries.advanceWatermark({ deliveryId: 1300, deliveredAt: "2024-05-01T09:59:00Z" })).toBe(true);
      expect(await redeliveries.watermark()).toMatchObject({ deliveryId: 1300 });
    });

    it("lets exactly one of two workers claim the redelivery of an event", async () => {
      const [first, second] = [context().stores.redeliveries, context().connect().redeliveries];
      const claims = await Promise.all([first.claim("guid-1", 1201, T0), second.claim("guid-1", 1201, T0), first.claim("guid-1", 1202, T0)]);
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await second.has("guid-1")).toBe(true);
      expect(await second.has("guid-2")).toBe(false);
    });

    it("lets a released claim be made again", async () => {
      const { redeliveries } = context().stores;
      await redeliveries.claim("guid-1", 1201, T0);
      await redeliveries.release("guid-1");
      expect(await redeliveries.has("guid-1")).toBe(false);
      expect(await redeliveries.claim("guid-1", 1201, T0)).toBe(true);
    });

    it("remembers a redelivery for a week", async () => {
      const { clients, tableName, stores } = context();
      await stores.redeliveries.claim("guid-1", 1201, T0);
      const { Item } = await clients.documentClient.send(new GetCommand({ TableName: tableName, Key: { pk: "REDELIVERY#guid-1", sk: "REDELIVERY" } }));
      expect(Item).toMatchObject({ guid: "guid-1", deliveryId: 1201, redeliveredAt: T0.toISOString(), ttl: T0.getTime() / 1000 + 7 * 24 * 60 * 60 });
    });
  });
}
