/**
 * The yardstick for webhook acknowledgements: the least a server can do for a delivery and
 * still lose nothing, in a process of its own like the runtime. It verifies the signature,
 * parses the body, records the delivery with one conditional write to an embedded
 * DynamoDB-compatible server (the same one, through the same SDK client, as Slipway's local
 * runtime), and answers. No framework, no validation, no planning, no log line, no queue, no
 * worker. Speaks the runtime's IPC: `ready` with its URL, then `close`.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { createDynamoClients } from "../../src/store/dynamo/dynamo-clients";
import { isConditionFailed } from "../../src/store/dynamo/is-condition-failed";
import { startEmbeddedDynamo } from "../../src/store/dynamo/embedded-dynamo";
import { ensureTable } from "../../src/store/dynamo/table";
import { readBody } from "../read-body";

const Variables = z.object({ WEBHOOK_SECRET: z.string().min(1), SLIPWAY_DATA_DIR: z.string().min(1) });
const TABLE = "reference";

function signedBy(secret: string, body: string, signature: string): boolean {
  const expected = Buffer.from(`sha256=${createHmac("sha256", secret).update(body).digest("hex")}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function main(): Promise<void> {
  const variables = Variables.parse(process.env);
  const dynamo = await startEmbeddedDynamo({ dataDir: variables.SLIPWAY_DATA_DIR });
  const { client, documentClient } = createDynamoClients({ endpoint: dynamo.endpoint, region: "us-east-1" });
  await ensureTable(client, TABLE);

  const server = createServer((request, response) => {
    void (async () => {
      const body = (await readBody(request)).toString("utf8");
      if (!signedBy(variables.WEBHOOK_SECRET, body, String(request.headers["x-hub-signature-256"] ?? ""))) {
        response.writeHead(401).end();
        return;
      }
      const payload = JSON.parse(body) as { action?: string };
      const delivery = String(request.headers["x-github-delivery"]);
      try {
        await documentClient.send(
          new PutCommand({
            TableName: TABLE,
            Item: { pk: `DELIVERY#${delivery}`, sk: "DELIVERY", event: request.headers["x-github-event"], action: payload.action, receivedAt: new Date().toISOString() },
            ConditionExpression: "attribute_not_exists(pk)",
          }),
        );
      } catch (error) {
        // A redelivery: already recorded.
        if (!isConditionFailed(error)) throw error;
      }
      response.writeHead(200, { "content-type": "application/json" }).end('{"message":"ok"}');
    })().catch(() => response.writeHead(500).end());
  });
  server.listen(0, "127.0.0.1", () => process.send?.({ type: "ready", url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
  process.on("message", () => {
    server.close();
    client.destroy();
    void dynamo.close().then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
