// Lambda entry (HTTP API, GET /api/slipway/public-key): wiring only; see src/runtime/aws-public-key.ts.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { awsPublicKey } from "../src/runtime/aws-public-key";

export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  return (await awsPublicKey())(event);
}
