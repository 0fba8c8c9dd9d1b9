import { GetCommand } from "@aws-sdk/lib-dynamodb";
import type { StoreContext } from "./store-contract";
import { T0 } from "./fixtures";

export function describeDeliveryStoreContract(context: () => StoreContext): void {
  describe("DeliveryStore", () => {
    it("claims a delivery only once", async () => {
      const { deliveries } = context().stores;
      expect(await deliveries.claim("delivery-1", T0)).toBe(true);
      expect(await deliveries.claim("delivery-1", T0)).toBe(false);
      expect(await deliveries.claim("delivery-2", T0)).toBe(true);
    });

    it("lets exactly one of five concurrent claims win", async () => {
      const { deliveries } = context().stores;
      const results = await Promise.all(Array.from({ length: 5 }, () => deliveries.claim("delivery-race", T0)));
      expect(results.filter((claimed) => claimed)).toHaveLength(1);
    });

    it("lets a released delivery be claimed again", async () => {
      const { deliveries } = context().stores;
      expect(await deliveries.claim("delivery-3", T0)).toBe(true);
      await deliveries.release("delivery-3");
      expect(await deliveries.claim("delivery-3", T0)).toBe(true);
      expect(await deliveries.claim("delivery-3", T0)).toBe(false);
    });

    it("sets a claim to expire after seven days", async () => {
      const { clients, tableName, stores } = context();
      await stores.deliveries.claim("delivery-4", T0);
      const { Item } = await clients.documentClient.send(new GetCommand({ TableName: tableName, Key: { pk: "DELIVERY#delivery-4", sk: "DELIVERY" } }));
      expect(Item?.ttl).toBe(T0.getTime() / 1000 + 7 * 24 * 60 * 60);
    });

    it("says whether a delivery is recorded: after its claim, and no longer once released", async () => {
      const { deliveries } = context().stores;
      expect(await deliveries.has("delivery-5")).toBe(false);
      await deliveries.claim("delivery-5", T0);
      expect(await deliveries.has("delivery-5")).toBe(true);
      await deliveries.release("delivery-5");
      expect(await deliveries.has("delivery-5")).toBe(false);
    });

    it("releases a delivery that was never claimed without error", async () => {
      const { deliveries } = context().stores;
      await expect(deliveries.release("never-claimed")).resolves.toBeUndefined();
    });
  });
}
