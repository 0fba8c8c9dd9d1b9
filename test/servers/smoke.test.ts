import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { ListBucketsCommand, S3Client } from "@aws-sdk/client-s3";
import { ListQueuesCommand, SQSClient } from "@aws-sdk/client-sqs";

test("the test servers answer on loopback", async () => {
  const dynamo = new DynamoDBClient({ endpoint: process.env.TEST_DYNAMODB_ENDPOINT });
  await expect(dynamo.send(new ListTablesCommand({}))).resolves.toHaveProperty("TableNames");
  const s3 = new S3Client({ endpoint: process.env.TEST_S3_ENDPOINT, forcePathStyle: true });
  await expect(s3.send(new ListBucketsCommand({}))).resolves.toHaveProperty("$metadata");
  const sqs = new SQSClient({ endpoint: process.env.TEST_SQS_ENDPOINT });
  await expect(sqs.send(new ListQueuesCommand({}))).resolves.toHaveProperty("$metadata");
});
