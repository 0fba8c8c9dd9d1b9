import { JOB_KINDS } from "../../src/job-kinds";
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import type { Message } from "@aws-sdk/client-sqs";
import type { SQSEvent, SQSRecord } from "aws-lambda";
import nock from "nock";
import { buildFileKey } from "../../src/blobs/blob-store";
import type { JobPayload } from "../../src/model/job-record";
import type { PreviewJob } from "../../src/jobs/preview/preview-job";
import type { TeardownJob } from "../../src/jobs/teardown/teardown-job";
import { buildKeyOf } from "../../src/deploy/ensure-build";
import { submitJobs } from "../../src/jobs/submit-jobs";
import { tar } from "../providers/static/tarball";
import { recordCalls } from "../helpers/github-api";
import * as github from "../helpers/preview-api";
import { LAMBDA_SITE_BASE_URL, lambdaEventFixture, lambdaTestEnv, loadHandler, watchOutboundRequests } from "./lambda-env";
import type * as HandlerModule from "../../handlers/worker";

const { OWNER, REPO, SHA } = github;

// The worker Lambda as deployed: the entry in handlers/ wired by its environment variables to
// DynamoDB Local, s3rver and a real Probot (retries and throttling on), fed SQS FIFO events
// whose records carry messages the job producer really sent.
describe("the worker Lambda handler", () => {
  let aws: Awaited<ReturnType<typeof lambdaTestEnv>>;
  let handler: typeof HandlerModule.handler;
  let closeRuntime: () => Promise<void>;

  beforeAll(async () => {
    aws = await lambdaTestEnv();
    ({ handler, closeRuntime } = loadHandler<typeof HandlerModule.handler>("worker"));
  });
  afterAll(async () => {
    await closeRuntime();
    await aws.close();
  });

  /** Records and sends the jobs as the webhook would, and returns what SQS then holds. */
  async function enqueue(jobs: JobPayload[]): Promise<Message[]> {
    await submitJobs({ jobs: aws.stores.jobs, queue: aws.fifo.queue, kinds: JOB_KINDS }, jobs, new Date());
    const messages = await aws.fifo.receiveAll();
    expect(messages).toHaveLength(jobs.length);
    return messages;
  }

  /** The record Lambda hands the function for a received message, shaped like the fixture's. */
  function recordOf(message: Message, template: SQSRecord): SQSRecord {
    const body = message.Body ?? "";
    return {
      ...template,
      messageId: message.MessageId ?? template.messageId,
      receiptHandle: message.ReceiptHandle ?? template.receiptHandle,
      body,
      md5OfBody: createHash("md5").update(body).digest("hex"),
      attributes: { ...template.attributes, ...message.Attributes },
    };
  }

  it("reports exactly the malformed record of a batch as failed and finishes the other", async () => {
    const teardown: TeardownJob = {
      kind: "teardown",
      repository: { installationId: 1, repoId: 7001, owner: "octo", repo: "site" },
      pullNumber: 1,
      reason: "closed",
      eventAt: "2026-11-20T10:00:00.000Z",
    };
    const [message] = await enqueue([teardown]);
    const event = lambdaEventFixture<SQSEvent>("sqs", "job-batch");
    const [template, malformed] = event.Records;
    event.Records = [recordOf(message!, template!), malformed!];
    const outbound = watchOutboundRequests();

    const response = await handler(event);

    outbound.stop();
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: malformed!.messageId }] });
    const jobId = (JSON.parse(message!.Body!) as { jobId: string }).jobId;
    expect(await aws.stores.jobs.get(jobId)).toMatchObject({ state: "succeeded", attempts: 1, result: "no live pr-1 to remove" });
    // A pull request without a preview has nothing to tear down: not even a token is fetched.
    expect(outbound.hosts).toEqual([]);
  });

  it("builds a preview end to end: installation token, GitHub reports, files in S3", async () => {
    const pullNumber = 77;
    const preview: PreviewJob = github.previewJob(pullNumber);
    const top = `${OWNER}-${REPO}-${SHA.slice(0, 7)}`;
    const archive = gzipSync(
      await tar(
        [
          { name: `${top}/`, type: "directory" },
          { name: `${top}/site/index.html`, body: "<h1>Served from S3</h1>" },
        ],
        { comment: SHA },
      ),
    );
    const [message] = await enqueue([preview]);
    const template = lambdaEventFixture<SQSEvent>("sqs", "job-batch").Records[0]!;
    const token = github.mockInstallationToken(1);
    const api = github.mockFirstPreview(github.installationApi(), pullNumber, "preview:\n  source:\n    dir: site\n", archive);
    const log = recordCalls(api);

    const response = await handler({ Records: [recordOf(message!, template)] });

    expect(response).toEqual({ batchItemFailures: [] });
    token.done();
    api.done();
    expect(nock.isDone()).toBe(true);
    expect(log.calls).toHaveLength(6);

    const url = `${LAMBDA_SITE_BASE_URL}/${OWNER}/${REPO}/pr-${pullNumber}/`;
    const jobId = (JSON.parse(message!.Body!) as { jobId: string }).jobId;
    expect(await aws.stores.jobs.get(jobId)).toMatchObject({ state: "succeeded", attempts: 1 });
    expect(await aws.stores.environments.get(OWNER, REPO, `pr-${pullNumber}`)).toMatchObject({ state: "active", sha: SHA, url });
    const index = await aws.blobs.get(buildFileKey(OWNER, REPO, buildKeyOf({ sha: SHA, source: { dir: "site" } }), "index.html"));
    expect(index?.body.toString()).toBe("<h1>Served from S3</h1>");
    expect(index?.contentType).toMatch(/^text\/html/);
    expect(await aws.blobs.get(`logs/424242/pr-${pullNumber}/${SHA}.txt`)).toMatchObject({ contentType: "text/plain; charset=utf-8" });
  }, 60_000);
});
