import type { AppOctokit } from "./app-octokit";

/**
 * Asks GitHub to deliver a webhook delivery again (`POST /app/hook/deliveries/{delivery_id}/attempts`,
 * app-authenticated); GitHub accepts with 202 and sends it with its original `X-GitHub-Delivery`.
 */
export async function redeliverAppWebhookDelivery(octokit: AppOctokit, deliveryId: number): Promise<void> {
  await octokit.request("POST /app/hook/deliveries/{delivery_id}/attempts", { delivery_id: deliveryId });
}
