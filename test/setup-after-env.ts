import nock from "nock";

// GitHub is mocked at the HTTP edge; anything else leaving the machine is a test bug.
nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);

afterEach(() => {
  nock.cleanAll();
});
