import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import type { DeliveryWatermark, RedeliveryStore } from "../stores";
import { getItem } from "./get-item";
import { conditionHeld } from "./is-condition-failed";
import { expiresAfter, isoTime } from "./keys";

/** GitHub redelivers deliveries of the last 3 days only; a week covers every one the reconciler can see. */
const REDELIVERY_TTL_DAYS = 7;

const WATERMARK_KEY = { pk: "WEBHOOK_DELIVERIES", sk: "WATERMARK" };

const WatermarkSchema = z.object({
  deliveryId: z.number().int().positive(),
  deliveredAt: z.iso.datetime({ offset: true }),
});

function redeliveryKey(guid: string): { pk: string; sk: string } {
  return { pk: `REDELIVERY#${guid}`, sk: "REDELIVERY" };
}

/**
 * The missed-delivery reconciler's state: one watermark item that only moves forward (a
 * conditional put on the delivery id), and one item per redelivered GUID, claimed with a
 * conditional put so two sweeps never redeliver the same event.
 */
export class DynamoRedeliveryStore implements RedeliveryStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async watermark(): Promise<DeliveryWatermark | undefined> {
    return getItem(this.client, this.tableName, WATERMARK_KEY, WatermarkSchema);
  }

  async advanceWatermark(mark: DeliveryWatermark): Promise<boolean> {
    const item = WatermarkSchema.parse({ deliveryId: mark.deliveryId, deliveredAt: isoTime(mark.deliveredAt) });
    return conditionHeld(
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...WATERMARK_KEY, ...item },
          ConditionExpression: "attribute_not_exists(pk) OR deliveryId < :deliveryId",
          ExpressionAttributeValues: { ":deliveryId": item.deliveryId },
        }),
      ),
    );
  }

  async claim(guid: string, deliveryId: number, now: Date): Promise<boolean> {
    return conditionHeld(
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...redeliveryKey(guid), guid, deliveryId, redeliveredAt: isoTime(now), ttl: expiresAfter(now, REDELIVERY_TTL_DAYS) },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      ),
    );
  }

  async release(guid: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: redeliveryKey(guid) }));
  }

  async has(guid: string): Promise<boolean> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: redeliveryKey(guid), ConsistentRead: true, ProjectionExpression: "pk" }),
    );
    return Item !== undefined;
  }
}
