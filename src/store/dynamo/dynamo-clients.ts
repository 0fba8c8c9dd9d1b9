import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

export interface DynamoClients {
  /** The low-level client, for table management (`ensureTable`). */
  client: DynamoDBClient;
  /** The document client the stores read and write items with. */
  documentClient: DynamoDBDocumentClient;
}

export interface DynamoClientOptions {
  /** A DynamoDB-compatible server (the embedded one, DynamoDB Local); unset in AWS. */
  endpoint?: string;
  region: string;
}

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * Builds the DynamoDB clients for AWS (no endpoint) or for a local server (`endpoint` set).
 * A server on loopback does not check credentials, but the SDK refuses to sign without any: when
 * none are in the environment, placeholder ones are used so `npm start` needs no AWS setup.
 */
export function createDynamoClients(options: DynamoClientOptions): DynamoClients {
  const local = options.endpoint !== undefined && LOOPBACK_HOSTS.has(new URL(options.endpoint).hostname);
  const client = new DynamoDBClient({
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(local ? { credentials: async () => localCredentials(process.env) } : {}),
  });
  // Optional record fields are left out of items instead of being rejected as `undefined`.
  const documentClient = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  return { client, documentClient };
}

function localCredentials(env: NodeJS.ProcessEnv): { accessKeyId: string; secretAccessKey: string; sessionToken?: string } {
  // DynamoDB Local keeps one database per access key, so use the configured one when there is one.
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    return { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, sessionToken: env.AWS_SESSION_TOKEN };
  }
  return { accessKeyId: "local", secretAccessKey: "local" };
}
