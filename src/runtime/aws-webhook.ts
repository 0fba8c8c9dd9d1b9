import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { JOB_SHAPES } from "../job-shapes";
import { lowerCaseHeaders, type WebhookResponse } from "../webhook/receive-webhook";
import { createQueue } from "./create-queue";
import { createJsonLogger } from "./json-logger";
import { env, once, storage } from "./aws-runtime";
import { createWebhookEndpoint } from "./webhook-probot";

/** Verifies and records one delivery, as the local server does; never calls GitHub. */
export const awsWebhook = once(async () => {
  const [config, { stores }] = await Promise.all([env(), storage()]);
  const log = createJsonLogger(config, "webhook");
  const webhook = await createWebhookEndpoint(config, { ...stores, queue: createQueue(config, log), kinds: JOB_SHAPES }, { log });
  return (event: APIGatewayProxyEventV2): Promise<WebhookResponse> => {
    const body = event.isBase64Encoded ? Buffer.from(event.body ?? "", "base64").toString("utf8") : (event.body ?? "");
    return webhook({ headers: lowerCaseHeaders(event.headers ?? {}), body });
  };
});
