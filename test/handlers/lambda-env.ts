import type * as AwsRuntime from "../../src/runtime/aws-runtime";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CreateBucketCommand } from "@aws-sdk/client-s3";
import nock from "nock";
import { createS3Client } from "../../src/blobs/create-s3-client";
import { S3BlobStore } from "../../src/blobs/s3-blob-store";
import { TEST_APP_ID, testPrivateKey } from "../helpers/test-probot";
import { testFifoQueue } from "../helpers/test-queue";
import { testStores } from "../helpers/test-stores";
import { WEBHOOK_SECRET } from "../helpers/webhook-fixtures";

export const LAMBDA_SITE_BASE_URL = "https://previews.example.test/sites";

/** A Lambda event from fixtures/<folder>, as a fresh object a test may change. */
export function lambdaEventFixture<T>(folder: "apigateway" | "sqs", name: string): T {
  return JSON.parse(readFileSync(join(__dirname, "..", "..", "fixtures", folder, `${name}.json`), "utf8")) as T;
}

/**
 * The AWS resources a deployed function runs against, on the local test servers: a fresh table
 * on DynamoDB Local, a FIFO queue on fauxqs and a fresh bucket on s3rver, named to the
 * handlers through the same environment variables the deployment sets (`overrides` changes
 * them). `close` puts the process environment back as it was.
 */
export async function lambdaTestEnv(overrides: Record<string, string> = {}) {
  const { stores, tableName, close: closeStores } = await testStores();
  const fifo = await testFifoQueue();
  const s3 = createS3Client({ endpoint: process.env.TEST_S3_ENDPOINT, region: "us-east-1", forcePathStyle: true });
  const bucket = `slipway-test-${randomUUID()}`;
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));

  const variables: Record<string, string> = {
    SLIPWAY_STORE: "dynamodb",
    DYNAMODB_ENDPOINT: process.env.TEST_DYNAMODB_ENDPOINT ?? "",
    SLIPWAY_TABLE: tableName,
    SLIPWAY_QUEUE: "sqs",
    SLIPWAY_QUEUE_URL: fifo.queueUrl,
    SQS_ENDPOINT: fifo.endpoint,
    SLIPWAY_BLOBS: "s3",
    SLIPWAY_BUCKET: bucket,
    S3_ENDPOINT: process.env.TEST_S3_ENDPOINT ?? "",
    S3_FORCE_PATH_STYLE: "true",
    SITE_BASE_URL: LAMBDA_SITE_BASE_URL,
    APP_ID: String(TEST_APP_ID),
    PRIVATE_KEY: testPrivateKey(),
    WEBHOOK_SECRET,
    LOG_LEVEL: "fatal",
    // Empty counts as unset: a developer's own settings must not leak into these functions.
    PRIVATE_KEY_PATH: "",
    GHE_HOST: "",
    SLIPWAY_MAX_ATTEMPTS: "",
    SLIPWAY_SECRETS_PATH: "",
    SLIPWAY_SEALING_KEY: "",
    SSM_ENDPOINT: "",
    ...overrides,
  };
  const saved = Object.fromEntries(Object.keys(variables).map((name) => [name, process.env[name]]));
  Object.assign(process.env, variables);

  return {
    stores,
    fifo,
    bucket,
    blobs: new S3BlobStore({ client: s3, bucket }),
    async close() {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      closeStores();
      await fifo.close();
      s3.destroy();
    },
  };
}

/**
 * Requests that left for anywhere but the local test servers. nock refuses them already; this
 * also catches one that a handler swallowed (a caught error, a 500) instead of failing.
 */
export function watchOutboundRequests(): { hosts: string[]; stop(): void } {
  const hosts: string[] = [];
  const listener = (request: { host?: string; hostname?: string }) => {
    const host = request.hostname ?? request.host ?? "";
    if (!/^(127\.0\.0\.1|localhost)(:\d+)?$/.test(host)) hosts.push(host);
  };
  nock.emitter.on("no match", listener);
  return { hosts, stop: () => nock.emitter.removeListener("no match", listener) };
}

/**
 * Loads a Lambda entry from handlers/ in a module registry of its own, so its module-scope
 * cache (the parsed environment, clients, Probot) is built from the environment set now.
 * `closeRuntime` releases the clients that cache opened.
 */
export function loadHandler<Handler>(entry: "webhook" | "worker" | "sweeper" | "site"): { handler: Handler; closeRuntime(): Promise<void> } {
  let loaded: { handler: Handler; closeRuntime(): Promise<void> } | undefined;
  jest.isolateModules(() => {
    const { handler } = jest.requireActual<{ handler: Handler }>(`../../handlers/${entry}`);
    const runtime = jest.requireActual<typeof AwsRuntime>("../../src/runtime/aws-runtime");
    loaded = { handler, closeRuntime: async () => (await runtime.storage()).close() };
  });
  if (!loaded) throw new Error(`handlers/${entry} did not load`);
  return loaded;
}
