import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createStores } from "../../src/store/dynamo/create-stores";
import { createDynamoClients } from "../../src/store/dynamo/dynamo-clients";
import { EmbeddedDynamoLockedError } from "../../src/store/dynamo/assert-database-free";
import { startEmbeddedDynamo } from "../../src/store/dynamo/embedded-dynamo";
import { ensureTable } from "../../src/store/dynamo/table";
import { describeStoreContract } from "./contract/store-contract";

// The embedded server `npm start` uses, on a temporary folder.
describeStoreContract("the embedded server (dynalite)", async () => {
  const dataDir = await mkdtemp(join(tmpdir(), "slipway-dynalite-"));
  const server = await startEmbeddedDynamo({ dataDir });
  return {
    endpoint: server.endpoint,
    close: async () => {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
});

describe("startEmbeddedDynamo", () => {
  it("keeps its data in the data folder across restarts", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "slipway-dynalite-"));
    try {
      const first = await startEmbeddedDynamo({ dataDir });
      const firstClients = createDynamoClients({ endpoint: first.endpoint, region: "us-east-1" });
      await ensureTable(firstClients.client, "slipway");
      expect(await createStores(firstClients.documentClient, "slipway").redeliveries.claim("delivery-1", 1, new Date())).toBe(true);
      firstClients.client.destroy();
      await first.close();

      const second = await startEmbeddedDynamo({ dataDir });
      const secondClients = createDynamoClients({ endpoint: second.endpoint, region: "us-east-1" });
      expect(second.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await createStores(secondClients.documentClient, "slipway").redeliveries.claim("delivery-1", 1, new Date())).toBe(false);
      secondClients.client.destroy();
      await second.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it("refuses a data folder another server is using, instead of failing on the first request", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "slipway-dynalite-"));
    const running = await startEmbeddedDynamo({ dataDir });
    try {
      const second = startEmbeddedDynamo({ dataDir });
      await expect(second).rejects.toThrow(EmbeddedDynamoLockedError);
      await expect(second).rejects.toThrow(/in use by another process \(a running `npm start`\?\); stop that process first/);
    } finally {
      await running.close();
    }
    // Once the first server has stopped, the folder is free again.
    const reopened = await startEmbeddedDynamo({ dataDir });
    await reopened.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("says which port it could not listen on", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "slipway-dynalite-"));
    const running = await startEmbeddedDynamo({ dataDir: join(dataDir, "a") });
    try {
      const port = Number(new URL(running.endpoint).port);
      await expect(startEmbeddedDynamo({ dataDir: join(dataDir, "b"), port })).rejects.toThrow(
        new RegExp(`could not listen on 127\\.0\\.0\\.1:${port}`),
      );
    } finally {
      await running.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
