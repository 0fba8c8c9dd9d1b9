import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { awsSiteDeps } from "../src/runtime/aws-runtime";
import { handleSiteEvent } from "../src/site/lambda-site";

/** The site server Lambda, behind `/sites/{proxy+}` and the environments' own domain. Wiring only. */
export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  // Built once per container (aws-runtime caches the promise).
  return handleSiteEvent(event, await awsSiteDeps());
}
