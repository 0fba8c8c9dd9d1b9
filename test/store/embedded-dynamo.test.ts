import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmbeddedDynamo } from "../../src/store/embedded-dynamo";
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
