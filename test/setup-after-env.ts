import nock from "nock";

// GitHub is mocked at the HTTP edge; anything else leaving the machine is a test bug.
nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);

afterEach(() => {
  nock.cleanAll();
});

// Each test file loads nock afresh, and each copy puts its interceptor on the worker's shared
// http module: take this file's off when it ends, or the next files' requests pass through
// every earlier copy, which keeps every body it copies and grows the worker without bound.
afterAll(() => {
  if (nock.isActive()) nock.restore();
});
