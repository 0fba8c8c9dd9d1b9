import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  type CreateTableCommandInput,
  type DynamoDBClient,
} from "@aws-sdk/client-dynamodb";

/** Raised when a table does not become ACTIVE in time; the DynamoDB endpoint may be overloaded or wrong. */
export class TableNotReadyError extends Error {
  override name = "TableNotReadyError";
}

/**
 * The single table every store shares: `pk`/`sk` string keys and one sparse index `gsi1`
 * (`gsi1pk`/`gsi1sk`) that holds only active jobs (for the sweeper's stuck-job scan), active
 * previews that expire (for the idle-preview scan) and audit entries that name an environment
 * (one partition per environment, for its recent history). Items carry a `ttl` attribute (epoch seconds);
 * the AWS deployment enables TTL on it, which the local stand-ins do not need.
 */
export const TABLE_DEFINITION: Omit<CreateTableCommandInput, "TableName"> = {
  AttributeDefinitions: [
    { AttributeName: "pk", AttributeType: "S" },
    { AttributeName: "sk", AttributeType: "S" },
    { AttributeName: "gsi1pk", AttributeType: "S" },
    { AttributeName: "gsi1sk", AttributeType: "S" },
  ],
  KeySchema: [
    { AttributeName: "pk", KeyType: "HASH" },
    { AttributeName: "sk", KeyType: "RANGE" },
  ],
  GlobalSecondaryIndexes: [
    {
      IndexName: "gsi1",
      KeySchema: [
        { AttributeName: "gsi1pk", KeyType: "HASH" },
        { AttributeName: "gsi1sk", KeyType: "RANGE" },
      ],
      Projection: { ProjectionType: "ALL" },
    },
  ],
  BillingMode: "PAY_PER_REQUEST",
};

/** The attribute DynamoDB's time-to-live deletes items by. */
export const TTL_ATTRIBUTE = "ttl";

/**
 * Creates the table when it does not exist and waits until it is ACTIVE. The local runtime and
 * the tests call this; in AWS the table is part of the deployment's infrastructure.
 */
export async function ensureTable(client: DynamoDBClient, tableName: string, timeoutMs = 30_000): Promise<void> {
  if ((await tableStatus(client, tableName)) === undefined) {
    try {
      await client.send(new CreateTableCommand({ ...structuredClone(TABLE_DEFINITION), TableName: tableName }));
    } catch (error) {
      // Another process created it between the describe and the create: wait for theirs.
      if (!(error instanceof ResourceInUseException)) throw error;
    }
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await tableStatus(client, tableName);
    if (status === "ACTIVE") return;
    if (Date.now() > deadline) {
      throw new TableNotReadyError(
        `DynamoDB table "${tableName}" is ${status ?? "missing"} after ${timeoutMs} ms; check that the DynamoDB endpoint is reachable and healthy.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function tableStatus(client: DynamoDBClient, tableName: string): Promise<string | undefined> {
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    // Queries on an index that is still being built fail, so the table is ready only with its indexes.
    const indexBuilding = (Table?.GlobalSecondaryIndexes ?? []).some((index) => index.IndexStatus !== "ACTIVE");
    return indexBuilding ? "CREATING_INDEX" : (Table?.TableStatus ?? "UNKNOWN");
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}
