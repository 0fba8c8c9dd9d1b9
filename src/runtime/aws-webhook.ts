import { createLambdaFunction } from "@probot/adapter-aws-lambda-serverless";
import type { APIGatewayProxyEventV2, Context as LambdaContext } from "aws-lambda";
import { slipwayApp } from "../app";
import { JOB_SHAPES } from "../job-shapes";
import { lowerCaseHeaders, receiveWebhook, type WebhookResponse } from "../webhook/receive-webhook";
import { createQueue } from "./create-queue";
import { env, once, storage } from "./aws-runtime";
import { createWebhookProbot } from "./webhook-probot";

/** Verifies and records one delivery through Probot's Lambda adapter; never calls GitHub. */
export const awsWebhook = once(async () => {
  const [config, { stores }] = await Promise.all([env(), storage()]);
  const app = createWebhookProbot(config);
  const queue = createQueue(config, app.log);
  const adapter = createLambdaFunction(slipwayApp({ ...stores, queue, kinds: JOB_SHAPES }), { probot: app });
  const webhook = receiveWebhook(
    {
      verify: (body, signature) => app.webhooks.verify(body, signature),
      // The adapter reads only `headers` and `body` of the event it is given.
      receive: (request) => adapter({ headers: request.headers, body: request.body } as never, {} as LambdaContext),
    },
    app.log,
  );
  return (event: APIGatewayProxyEventV2): Promise<WebhookResponse> => {
    const body = event.isBase64Encoded ? Buffer.from(event.body ?? "", "base64").toString("utf8") : (event.body ?? "");
    return webhook({ headers: lowerCaseHeaders(event.headers ?? {}), body });
  };
});
