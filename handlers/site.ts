import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { awsSiteDeps } from "../src/runtime/aws-runtime";
import { handleSiteEvent } from "../src/site/lambda-site";

/** The site server Lambda, behind the HTTP API route `/sites/{proxy+}`. Wiring only. */
export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  // Built once per container (aws-runtime caches the promise).
  const deps = await awsSiteDeps();
  return handleSiteEvent(event, deps, deps.siteBasePath);
}
