import nock from "nock";

/**
 * For a suite that talks only to the test servers on loopback (DynamoDB, S3, SQS): takes nock's
 * HTTP interceptor away for the rest of the file. Intercepting lets loopback requests through,
 * but copies every request and response body on the way; over the thousands of requests of a
 * store suite that is most of its time and memory.
 */
export function withoutNock(): void {
  beforeAll(() => {
    if (nock.isActive()) nock.restore();
  });
}
