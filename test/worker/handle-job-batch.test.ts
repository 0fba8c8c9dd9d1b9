import type { SQSEvent, SQSRecord } from "aws-lambda";
import nock from "nock";
import { JOB_KINDS } from "../../src/job-kinds";
import { jobGroup, jobId } from "../helpers/job-ids";
import type { CommandJob } from "../../src/jobs/command/command-job";
import type { JobPayload } from "../../src/model/job-record";
import type { PreviewJob } from "../../src/jobs/preview/preview-job";
import { submitJobs } from "../../src/jobs/submit-jobs";
import type { Stores } from "../../src/store/stores";
import { WriteBudgetDeferredError } from "../../src/github/write-budget-deferred-error";
import { handleJobBatch } from "../../src/worker/handle-job-batch";
import { runJob } from "../../src/worker/run-job";
import { apiFixture, recordCalls } from "../helpers/github-api";
import { testJobContext } from "../helpers/job-context";
import { testStores } from "../helpers/test-stores";

const repository = { installationId: 1, repoId: 7001, owner: "octo", repo: "site" };
const teardown = (pullNumber: number): JobPayload => ({ kind: "teardown", repository, pullNumber, reason: "closed", eventAt: "2026-11-01T10:00:00.000Z" });

function sqsRecord(body: string, group: string, receiveCount = 1): SQSRecord {
  const messageId = `${group}-${Math.random().toString(36).slice(2)}`;
  return {
    messageId,
    receiptHandle: `handle-${messageId}`,
    body,
    attributes: {
      ApproximateReceiveCount: String(receiveCount),
      SentTimestamp: "1700000000000",
      SenderId: "AIDAEXAMPLE",
      ApproximateFirstReceiveTimestamp: "1700000000000",
      MessageGroupId: group,
      MessageDeduplicationId: messageId,
      SequenceNumber: "18849496460467696128",
    },
    messageAttributes: {},
    md5OfBody: "",
    eventSource: "aws:sqs",
    eventSourceARN: "arn:aws:sqs:us-east-1:123456789012:slipway-jobs-dev.fifo",
    awsRegion: "us-east-1",
  };
}

describe("the worker's SQS batch handler", () => {
  let stores: Stores;
  let close: () => void;
  const queue = { send: async () => undefined };

  beforeAll(async () => {
    ({ stores, close } = await testStores());
  });
  afterAll(() => close());

  it("reports only the failed records, and holds back the rest of a failed record's group", async () => {
    const ctx = await testJobContext(stores);
    const [first, second, other] = [teardown(1), teardown(1), teardown(2)];
    await submitJobs({ jobs: stores.jobs, queue, kinds: JOB_KINDS }, [first!, other!], new Date());
    const event: SQSEvent = {
      Records: [
        sqsRecord("not json", jobGroup(first!)),
        sqsRecord(JSON.stringify({ jobId: jobId(second!) }), jobGroup(second!)),
        sqsRecord(JSON.stringify({ jobId: jobId(other!) }), jobGroup(other!)),
      ],
    };
    const response = await handleJobBatch(ctx, event);

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: event.Records[0]!.messageId }, { itemIdentifier: event.Records[1]!.messageId }]);
    // The held-back record's job was not started; the other group's job ran.
    expect(await stores.jobs.get(jobId(first!))).toMatchObject({ state: "queued", attempts: 0 });
    expect(await stores.jobs.get(jobId(other!))).toMatchObject({ state: "succeeded", result: "no live pr-2 to remove" });
  });

  it("defers a job whose installation may not write yet, with the rest of its group, without counting an attempt", async () => {
    const retryAt = new Date(Date.now() + 42_000);
    const ctx = await testJobContext(stores, {
      github: async (installationId) => {
        throw new WriteBudgetDeferredError({ installationId, retryAt, reason: "80 writes in the last minute" });
      },
    });
    const preview: JobPayload = { kind: "preview", repository, pullNumber: 31, headSha: "d".repeat(40), headRef: "f", fork: false, eventAt: "2026-11-01T10:00:00.000Z" };
    const later = teardown(31);
    await submitJobs({ jobs: stores.jobs, queue, kinds: JOB_KINDS }, [preview, later], new Date());
    const deferred: Array<[string, number]> = [];
    const deferral = { deferRecord: async (receiptHandle: string, seconds: number) => void deferred.push([receiptHandle, seconds]) };
    const records = [sqsRecord(JSON.stringify({ jobId: jobId(preview) }), jobGroup(preview)), sqsRecord(JSON.stringify({ jobId: jobId(later) }), jobGroup(later))];

    const response = await handleJobBatch(ctx, { Records: records }, deferral);

    expect(response.batchItemFailures).toEqual(records.map((record) => ({ itemIdentifier: record.messageId })));
    expect(deferred.map(([handle]) => handle)).toEqual(records.map((record) => record.receiptHandle));
    for (const [, seconds] of deferred) expect(seconds).toBeGreaterThanOrEqual(41);
    expect(await stores.jobs.get(jobId(preview))).toMatchObject({ state: "queued", attempts: 0, deferred: "80 writes in the last minute", updatedAt: retryAt.toISOString() });
    expect(await stores.jobs.get(jobId(later))).toMatchObject({ state: "queued", attempts: 0 });
  });

  it("acknowledges a redelivered message of a finished job without running it again", async () => {
    const ctx = await testJobContext(stores);
    const job = teardown(3);
    await submitJobs({ jobs: stores.jobs, queue, kinds: JOB_KINDS }, [job], new Date());
    const body = JSON.stringify({ jobId: jobId(job) });
    expect((await handleJobBatch(ctx, { Records: [sqsRecord(body, jobGroup(job))] })).batchItemFailures).toEqual([]);
    expect((await handleJobBatch(ctx, { Records: [sqsRecord(body, jobGroup(job), 2)] })).batchItemFailures).toEqual([]);
    expect(await stores.jobs.get(jobId(job))).toMatchObject({ state: "succeeded", attempts: 1 });
  });
});

describe("runJob", () => {
  let stores: Stores;
  let close: () => void;
  const queue = { send: async () => undefined };
  const preview: PreviewJob = {
    kind: "preview",
    repository,
    pullNumber: 9,
    headSha: "a".repeat(40),
    headRef: "feature",
    fork: false,
    eventAt: "2026-11-01T10:00:00.000Z",
  };

  beforeAll(async () => {
    ({ stores, close } = await testStores());
  });
  afterAll(() => close());

  it("retries a failing job, then records it failed and leaves the message to the dead-letter queue", async () => {
    const reports: number[] = [];
    const ctx = await testJobContext(stores, {
      github: async (installationId) => {
        reports.push(installationId);
        throw Object.assign(new Error("Server Error: https://api.github.com/app/installations/1/access_tokens?token=ghs_secret"), { status: 502 });
      },
    });
    await submitJobs({ jobs: stores.jobs, queue, kinds: JOB_KINDS }, [preview], new Date());
    const id = jobId(preview);

    expect(await runJob(ctx, id)).toBe("retry");
    expect(await stores.jobs.get(id)).toMatchObject({ state: "queued", attempts: 1 });
    expect(await runJob(ctx, id)).toBe("retry");
    expect(await runJob(ctx, id)).toBe("retry");

    const record = await stores.jobs.get(id);
    expect(record).toMatchObject({ state: "failed", attempts: 3 });
    expect(record?.error).toBe("Server Error: <url> (HTTP 502)");
    // Three attempts, and one more call to report the final failure on the pull request.
    expect(reports).toHaveLength(4);
    // Once failed, a further delivery (a redrive) does not run it again by accident.
    expect(await runJob(ctx, id)).toBe("done");
  });

  it("answers a command it gave up on, so its author is not left waiting", async () => {
    const ctx = await testJobContext(stores);
    const command: CommandJob = {
      kind: "command",
      repository,
      pullNumber: 9,
      commentId: 4242,
      commentUrl: "https://github.com/octo/site/pull/9#issuecomment-4242",
      actor: "octocat",
      command: { name: "status" },
      eventAt: "2026-11-01T10:00:00.000Z",
    };
    await submitJobs({ jobs: stores.jobs, queue, kinds: JOB_KINDS }, [command], new Date());
    const scope = nock("https://api.github.com")
      .post("/repos/octo/site/issues/comments/4242/reactions")
      .times(4)
      .reply(201, apiFixture("reaction"))
      .get("/repos/octo/site/contents/.github%2Fslipway.yml")
      .times(3)
      .reply(502, { message: "Server Error" })
      .post("/repos/octo/site/issues/9/comments")
      .reply(201, apiFixture("issue-comment"));
    const log = recordCalls(scope);

    for (let attempt = 1; attempt <= 3; attempt++) expect(await runJob(ctx, jobId(command))).toBe("retry");

    scope.done();
    const reply = log.bodies.find((entry) => entry.call === "POST /repos/octo/site/issues/9/comments")?.body.body;
    expect(reply).toContain("Slipway could not finish this command after 3 attempts");
    expect(reply).toContain("> /status");
    expect(log.bodies.at(-1)?.body).toEqual({ content: "confused" });
    expect(await stores.jobs.get(jobId(command))).toMatchObject({ state: "failed" });
  });

  it("fails the deploy check run of a push it gave up on", async () => {
    const ctx = await testJobContext(stores);
    const push: JobPayload = {
      kind: "push",
      repository,
      branch: "main",
      headSha: "b".repeat(40),
      pusher: "octocat",
      compareUrl: "https://github.com/octo/site/compare/a...b",
      eventAt: "2026-11-01T10:00:00.000Z",
    };
    await submitJobs({ jobs: stores.jobs, queue, kinds: JOB_KINDS }, [push], new Date());
    const scope = nock("https://api.github.com")
      .get("/repos/octo/site/contents/.github%2Fslipway.yml")
      .query(true)
      .times(3)
      .reply(502, { message: "Server Error" })
      .post("/repos/octo/site/check-runs")
      .reply(201, apiFixture("check-run"));
    const log = recordCalls(scope);

    for (let attempt = 1; attempt <= 3; attempt++) expect(await runJob(ctx, jobId(push))).toBe("retry");

    scope.done();
    expect(log.bodies.at(-1)?.body).toMatchObject({ name: "Slipway / deploy", status: "completed", conclusion: "failure", output: { title: "Slipway could not finish the deploy" } });
  });
});

