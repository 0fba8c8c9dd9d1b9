import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { DeliveryStore } from "../stores";
import { isConditionFailed } from "./is-condition-failed";
import { expiresAfter, isoTime } from "./keys";

/** GitHub offers redelivery of recent deliveries only, so a week of memory is plenty. */
const DELIVERY_TTL_DAYS = 7;

function deliveryKey(deliveryId: string): { pk: string; sk: string } {
  return { pk: `DELIVERY#${deliveryId}`, sk: "DELIVERY" };
}

/** De-duplicates webhook deliveries with one conditional put per claim. */
export class DynamoDeliveryStore implements DeliveryStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async claim(deliveryId: string, now: Date): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...deliveryKey(deliveryId), deliveryId, claimedAt: isoTime(now), ttl: expiresAfter(now, DELIVERY_TTL_DAYS) },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailed(error)) return false;
      throw error;
    }
  }

  async release(deliveryId: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: deliveryKey(deliveryId) }));
  }

  async has(deliveryId: string): Promise<boolean> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: deliveryKey(deliveryId), ConsistentRead: true, ProjectionExpression: "pk" }),
    );
    return Item !== undefined;
  }
}
