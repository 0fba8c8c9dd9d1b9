import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { slipwayApp } from "../app";
import { JOB_SHAPES } from "../job-shapes";
import { lowerCaseHeaders, probotReceiver, receiveWebhook, type WebhookResponse } from "../webhook/receive-webhook";
import { createQueue } from "./create-queue";
import { env, once, storage } from "./aws-runtime";
import { createWebhookProbot } from "./webhook-probot";

/** Verifies and records one delivery, as the local server does; never calls GitHub. */
export const awsWebhook = once(async () => {
  const [config, { stores }] = await Promise.all([env(), storage()]);
  const app = createWebhookProbot(config);
  const queue = createQueue(config, app.log);
  await app.load(slipwayApp({ ...stores, queue, kinds: JOB_SHAPES }));
  const webhook = receiveWebhook(probotReceiver(app), app.log);
  return (event: APIGatewayProxyEventV2): Promise<WebhookResponse> => {
    const body = event.isBase64Encoded ? Buffer.from(event.body ?? "", "base64").toString("utf8") : (event.body ?? "");
    return webhook({ headers: lowerCaseHeaders(event.headers ?? {}), body });
  };
});
