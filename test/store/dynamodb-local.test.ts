import { describeStoreContract } from "./contract/store-contract";

// Amazon's DynamoDB Local, started by the test servers' global setup.
describeStoreContract("DynamoDB Local", async () => {
  const endpoint = process.env.TEST_DYNAMODB_ENDPOINT;
  if (!endpoint) throw new Error("TEST_DYNAMODB_ENDPOINT is not set; run the tests through jest so global-setup starts DynamoDB Local.");
  return { endpoint, close: async () => undefined };
});
