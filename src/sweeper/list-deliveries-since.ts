import type { AppOctokit } from "../github/app-octokit";
import { listAppWebhookDeliveries, type WebhookDelivery } from "../github/list-app-webhook-deliveries";
import type { DeliveryWatermark } from "../store/stores";

export interface DeliveriesSince {
  /** Deliveries newer than the watermark and not older than `oldest`, newest first. */
  deliveries: WebhookDelivery[];
  /** False when `maxPages` ran out before the watermark or `oldest` was reached. */
  complete: boolean;
}

/**
 * Pages the app's webhook deliveries from the newest back to the watermark or to `oldest`,
 * whichever comes first, and never a page further.
 */
export async function listDeliveriesSince(
  octokit: AppOctokit,
  options: { watermark: DeliveryWatermark | undefined; oldest: Date; maxPages: number },
): Promise<DeliveriesSince> {
  const deliveries: WebhookDelivery[] = [];
  const isNew = (delivery: WebhookDelivery) =>
    (options.watermark === undefined || delivery.id > options.watermark.deliveryId) && Date.parse(delivery.delivered_at) >= options.oldest.getTime();
  let cursor: string | undefined;
  for (let page = 1; page <= options.maxPages; page += 1) {
    const listed = await listAppWebhookDeliveries(octokit, cursor);
    const fresh = listed.deliveries.filter(isNew);
    deliveries.push(...fresh);
    if (fresh.length < listed.deliveries.length || !listed.nextCursor) return { deliveries, complete: true };
    cursor = listed.nextCursor;
  }
  return { deliveries, complete: false };
}
