import { generateKeyPairSync, randomBytes } from "node:crypto";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { GitHubStandIn } from "../github-stand-in";
import { startRuntimeChild, type RuntimeChild } from "./runtime-child";

export interface BenchRuntime {
  child: RuntimeChild;
  /** SITE_BASE_URL: environments are served at `<siteBase>/<owner>/<repo>/<environment>/`. */
  siteBase: string;
  /** Closes the runtime (ending it by PID after `graceMs`), returns the warnings it logged, and removes its data. */
  close(graceMs: number): Promise<string[]>;
}

let privateKey: string | undefined;

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * A fresh local runtime (empty state in a temporary SLIPWAY_DATA_DIR) pointed at the stand-in
 * through GHE_HOST, with webhook deliveries from the stand-in going to it.
 */
export async function startBenchRuntime(github: GitHubStandIn, options: { logLevel: string }): Promise<BenchRuntime> {
  privateKey ??= generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString();
  const dataDir = await mkdtemp(join(tmpdir(), "slipway-throughput-"));
  const port = await freePort();
  const secret = randomBytes(16).toString("hex");
  const siteBase = `http://127.0.0.1:${port}/sites`;
  let child: RuntimeChild;
  try {
    child = await startRuntimeChild(
      {
        PORT: String(port),
        APP_ID: "4242",
        PRIVATE_KEY: privateKey,
        WEBHOOK_SECRET: secret,
        GHE_HOST: github.host,
        GHE_PROTOCOL: "http",
        SLIPWAY_DATA_DIR: dataDir,
        SITE_BASE_URL: siteBase,
        LOG_LEVEL: options.logLevel,
      },
      join(dataDir, "runtime.log"),
    );
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  github.setWebhook({ url: `${child.url}/api/github/webhooks`, secret });
  return {
    child,
    siteBase,
    async close(graceMs) {
      await child.stop(graceMs);
      const warnings = child.warnings();
      await rm(dataDir, { recursive: true, force: true });
      return warnings;
    },
  };
}
