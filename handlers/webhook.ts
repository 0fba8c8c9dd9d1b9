// Lambda entry (HTTP API): wiring only; see src/runtime/aws-runtime.ts.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { awsWebhook } from "../src/runtime/aws-webhook";

export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const response = await (await awsWebhook())(event);
  return { ...response, headers: { "content-type": "application/json" } };
}
