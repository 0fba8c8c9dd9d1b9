import nock from "nock";

/**
 * For a suite that talks only to the test servers on loopback (DynamoDB, S3, SQS): takes nock's
 * HTTP interceptor away for its duration and puts it back after. Intercepting lets loopback
 * requests through, but copies every request and response body on the way, and those copies
 * stay reachable; over the thousands of requests of a store suite they filled a worker's heap.
 */
export function withoutNock(): void {
  beforeAll(() => {
    nock.restore();
  });
  afterAll(() => {
    nock.activate();
  });
}
