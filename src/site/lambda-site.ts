import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { serveSite } from "./serve-site";
import type { SiteDeps } from "./site-deps";
import { textResponse } from "./site-response";
import type { SiteResponse } from "./site-response";

/**
 * Lambda's synchronous response is capped at 6 MB, and base64 adds a third: a larger file
 * would fail with an opaque gateway error, so it gets an answer that says what happened.
 */
export const MAX_LAMBDA_BODY_BYTES = 4_000_000;

function toResult(response: SiteResponse): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: response.status,
    headers: response.headers,
    // Payload 2.0 sends each of these as its own Set-Cookie header.
    ...(response.cookies?.length ? { cookies: response.cookies } : {}),
    // Always base64: the body may be any file's bytes, and API Gateway decodes it either way.
    body: response.body.toString("base64"),
    isBase64Encoded: true,
  };
}

/**
 * Answers an API Gateway HTTP API (payload 2.0) request for a site: the path form under
 * `SITE_BASE_URL`'s path, or an environment's own origin (the custom domain API Gateway names
 * in `requestContext.domainName`). The raw, still-encoded path is used rather than the decoded
 * path parameter, so that decoding happens once, segment by segment, in the site server.
 */
export async function handleSiteEvent(event: APIGatewayProxyEventV2, deps: SiteDeps): Promise<APIGatewayProxyStructuredResultV2> {
  const response = await serveSite(
    {
      method: event.requestContext.http.method,
      host: event.requestContext.domainName,
      path: event.rawPath,
      query: event.rawQueryString || undefined,
      // Payload 2.0 moves the Cookie header into `cookies`.
      cookie: event.cookies?.join("; ") ?? event.headers.cookie,
      ifNoneMatch: event.headers["if-none-match"],
    },
    deps,
  );
  if (response.body.length > MAX_LAMBDA_BODY_BYTES) {
    return toResult(
      textResponse(502, `This file is ${response.body.length.toLocaleString("en-US")} bytes, more than the ${MAX_LAMBDA_BODY_BYTES.toLocaleString("en-US")} bytes the site server can return. Keep files this large out of the served folder, or host them elsewhere.`),
    );
  }
  return toResult(response);
}
