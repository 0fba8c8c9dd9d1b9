import { z } from "zod";
import type { AppOctokit } from "./app-octokit";

/** Raised when GitHub's list of deliveries is not in the documented shape. */
export class UnexpectedDeliveriesError extends Error {
  override name = "UnexpectedDeliveriesError";
}

/** One attempt to deliver an event to the app's webhook ("hook-delivery-item"). */
export const WebhookDeliverySchema = z.object({
  /** This attempt's id: a redelivery of the same event is a new delivery with a higher id. */
  id: z.number().int().positive(),
  /** The event's id, shared by all its attempts; the `X-GitHub-Delivery` header Slipway records. */
  guid: z.string().min(1),
  delivered_at: z.iso.datetime({ offset: true }),
  redelivery: z.boolean(),
  status: z.string(),
  /** The webhook endpoint's answer; 2xx is success. */
  status_code: z.number().int(),
  event: z.string(),
  action: z.string().nullable(),
  installation_id: z.number().int().nullable(),
  repository_id: z.number().int().nullable(),
});
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>;

export interface DeliveriesPage {
  /** Newest first, as GitHub lists them. */
  deliveries: WebhookDelivery[];
  /** The cursor of the next (older) page; undefined on the last. */
  nextCursor?: string;
}

/** The `cursor` of the `rel="next"` link of GitHub's `link` header. */
function nextCursor(link: string | undefined): string | undefined {
  for (const part of (link ?? "").split(",")) {
    const match = /<([^>]+)>\s*;\s*rel="next"/.exec(part);
    if (match?.[1]) return new URL(match[1]).searchParams.get("cursor") ?? undefined;
  }
  return undefined;
}

/**
 * One page (100) of the deliveries of the app's webhook, newest first (`GET /app/hook/deliveries`,
 * app-authenticated), from `cursor` on. GitHub pages these by cursor, named in the `link` header.
 */
export async function listAppWebhookDeliveries(octokit: AppOctokit, cursor?: string): Promise<DeliveriesPage> {
  const response = await octokit.request("GET /app/hook/deliveries", { per_page: 100, ...(cursor ? { cursor } : {}) });
  const parsed = z.array(WebhookDeliverySchema).safeParse(response.data);
  if (!parsed.success) {
    const problem = parsed.error.issues[0];
    throw new UnexpectedDeliveriesError(
      `GitHub's list of webhook deliveries is not in the documented shape (${problem?.path.join(".") ?? "list"}: ${problem?.message ?? "invalid"}); the deliveries are reconciled again next sweep.`,
    );
  }
  const page: DeliveriesPage = { deliveries: parsed.data };
  const next = nextCursor(response.headers.link);
  return next ? { ...page, nextCursor: next } : page;
}
