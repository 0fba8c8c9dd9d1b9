import { githubTime } from "./model";
import { json, notFound, type DeliveryRecord, type Route } from "./route";

const TOKEN_PERMISSIONS = { checks: "write", contents: "read", deployments: "write", issues: "write", metadata: "read", pull_requests: "write", statuses: "read" };

function deliveryShape(delivery: DeliveryRecord) {
  return {
    id: delivery.id,
    guid: delivery.guid,
    delivered_at: delivery.deliveredAt,
    redelivery: delivery.redelivery,
    duration: delivery.duration,
    status: delivery.statusCode >= 200 && delivery.statusCode < 300 ? "OK" : delivery.statusCode === 0 ? "Connection refused" : `Invalid HTTP Response: ${delivery.statusCode}`,
    status_code: delivery.statusCode,
    event: delivery.event,
    action: delivery.action,
    installation_id: delivery.installationId,
    repository_id: delivery.repositoryId,
    throttled_at: null,
  };
}

/**
 * Routes the app calls with its JWT: the installation token exchange, and the webhook
 * deliveries log that a reconciler pages through and redelivers from.
 */
export const APP_ROUTES: Route[] = [
  {
    method: "POST",
    template: "/app/installations/{installation_id}/access_tokens",
    auth: "app",
    handle(request, { model }) {
      const installationId = Number(request.params.installation_id);
      if (!model.hasInstallation(installationId)) return notFound();
      const { token, expiresAt } = model.issueToken(installationId);
      return json(201, { token, expires_at: githubTime(expiresAt), permissions: TOKEN_PERMISSIONS, repository_selection: "all" });
    },
  },
  {
    // Newest first, paged by an opaque cursor as GitHub does.
    method: "GET",
    template: "/app/hook/deliveries",
    auth: "app",
    handle(request, context) {
      const perPage = Math.min(100, Math.max(1, Number(request.query.get("per_page") ?? 30) || 30));
      const all = [...context.deliveries()].reverse();
      const cursor = request.query.get("cursor");
      const start = cursor ? Math.max(0, all.findIndex((delivery) => String(delivery.id) === cursor)) : 0;
      const page = all.slice(start, start + perPage);
      const next = all[start + perPage];
      const headers: Record<string, string> = next ? { link: `<${request.site.api}/app/hook/deliveries?per_page=${perPage}&cursor=${next.id}>; rel="next"` } : {};
      return json(200, page.map(deliveryShape), headers);
    },
  },
  {
    method: "GET",
    template: "/app/hook/deliveries/{delivery_id}",
    auth: "app",
    handle(request, context) {
      const found = context.deliveries().find((delivery) => String(delivery.id) === request.params.delivery_id);
      return found ? json(200, { ...deliveryShape(found), url: "", request: { headers: {}, payload: {} }, response: { headers: {}, payload: null } }) : notFound();
    },
  },
  {
    method: "POST",
    template: "/app/hook/deliveries/{delivery_id}/attempts",
    auth: "app",
    handle(request, context) {
      return context.redeliver(Number(request.params.delivery_id)) ? json(202, {}) : notFound();
    },
  },
];
